// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {Vm} from "../../utils/Vm.sol";
import {Ghosts} from "./Ghosts.sol";

/// @notice Drives the escrow: payers open, top up, close and move leases; operators claim.
contract EscrowHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    EngineRegistry internal immutable registry;
    LeaseEscrow internal immutable escrow;
    Ghosts internal immutable ghosts;
    address[] internal payers;

    constructor(EngineRegistry registry_, Ghosts ghosts_) {
        registry = registry_;
        escrow = registry_.escrow();
        ghosts = ghosts_;
        for (uint160 i = 1; i <= 3; ++i) {
            payers.push(address(0x3000 + i));
        }
    }

    /// @dev Tries every engine, listed or not: a lease on an unlisted engine must never open.
    function openLease(uint256 engine, uint256 who, uint256 deposit) external {
        uint256 id = _engine(engine);
        if (id == 0) return;
        address payer = payers[who % payers.length];
        deposit = 1 gwei + deposit % 1 ether;
        bool listed = registry.engine(id).listed;
        vm.deal(payer, deposit);
        vm.prank(payer);
        try escrow.openLease{value: deposit}(id, "did:key:z6MkInvariantPico") returns (uint256 leaseId) {
            if (!listed) ghosts.flagUnlistedLease();
            ghosts.paidToEscrow(payer, leaseId, deposit);
            ghosts.mayEarn(registry.operatorOf(id), deposit);
        } catch {}
    }

    function topUp(uint256 lease, uint256 amount) external {
        (uint256 id, LeaseEscrow.LeaseView memory l) = _lease(lease);
        if (id == 0 || !l.active) return;
        amount = 1 + amount % 0.5 ether;
        vm.deal(l.payer, amount);
        vm.prank(l.payer);
        escrow.topUp{value: amount}(id);
        ghosts.paidToEscrow(l.payer, id, amount);
        ghosts.mayEarn(registry.operatorOf(l.engineId), amount);
    }

    function claim(uint256 lease) external {
        (uint256 id, LeaseEscrow.LeaseView memory l) = _lease(lease);
        if (id == 0) return;
        address op = registry.operatorOf(l.engineId);
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        vm.prank(op);
        uint256 paid = escrow.claim(ids);
        ghosts.paidByEscrow(op, id, paid);
    }

    function close(uint256 lease) external {
        (uint256 id, LeaseEscrow.LeaseView memory l) = _lease(lease);
        if (id == 0 || !l.active) return;
        vm.prank(l.payer);
        uint256 refund = escrow.close(id);
        ghosts.paidByEscrow(l.payer, id, refund);
    }

    function moveLease(uint256 lease, uint256 engine) external {
        (uint256 id, LeaseEscrow.LeaseView memory l) = _lease(lease);
        uint256 to = _engine(engine);
        if (id == 0 || !l.active || to == 0 || to == l.engineId || l.accrued == l.deposit) return;
        bool listed = registry.engine(to).listed;
        vm.prank(l.payer);
        try escrow.moveLease(id, to) returns (uint256 next) {
            if (!listed) ghosts.flagUnlistedLease();
            uint256 carried = escrow.lease(next).deposit;
            ghosts.carried(id, next, carried);
            ghosts.mayEarn(registry.operatorOf(to), carried);
        } catch {}
    }

    function _engine(uint256 seed) internal view returns (uint256) {
        uint256 count = registry.engineCount();
        return count == 0 ? 0 : 1 + seed % count;
    }

    function _lease(uint256 seed) internal view returns (uint256 id, LeaseEscrow.LeaseView memory l) {
        uint256 count = escrow.leaseCount();
        if (count == 0) return (0, l);
        id = 1 + seed % count;
        l = escrow.lease(id);
    }
}
