// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {Base} from "../utils/Base.t.sol";
import {EscrowHandler} from "./handlers/EscrowHandler.sol";
import {Ghosts} from "./handlers/Ghosts.sol";
import {RegistryHandler} from "./handlers/RegistryHandler.sol";

/// @notice Money is conserved and rules hold whatever sequence of operations strangers try.
contract MarketInvariantTest is Base {
    Ghosts internal ghosts;
    RegistryHandler internal registryHandler;
    EscrowHandler internal escrowHandler;

    function setUp() public override {
        super.setUp();
        ghosts = new Ghosts();
        registryHandler = new RegistryHandler(registry, ghosts, arbiter);
        escrowHandler = new EscrowHandler(registry, ghosts);
    }

    /// @dev Read by forge: only the handlers are called at random.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](2);
        targets[0] = address(registryHandler);
        targets[1] = address(escrowHandler);
    }

    /// @notice balance == Σ active stake + Σ unbonding + open challenge bonds + Σ payouts owed (treasury and
    /// forfeited bonds included), and == everything paid in minus everything paid out.
    function invariant_RegistryHoldsExactlyWhatItOwes() public view {
        uint256 owed;
        for (uint256 id = 1; id <= registry.engineCount(); ++id) {
            EngineRegistry.EngineView memory e = registry.engine(id);
            owed += e.stake + e.unbonding + registry.challengeOf(id).bond;
        }
        address[] memory accounts = ghosts.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            owed += registry.payoutOf(accounts[i]);
        }
        vm.assertEq(address(registry).balance, owed, "registry balance vs what it owes");
        vm.assertEq(address(registry).balance, ghosts.registryIn() - ghosts.registryOut(), "registry running totals");
    }

    /// @notice balance == Σ escrowed deposits not yet paid out, and == paid in minus paid out.
    function invariant_EscrowHoldsEveryUnpaidDeposit() public view {
        uint256 held;
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory l = escrow.lease(id);
            held += l.deposit - l.paid;
        }
        vm.assertEq(address(escrow).balance, held, "escrow balance vs deposits");
        vm.assertEq(address(escrow).balance, ghosts.escrowIn() - ghosts.escrowOut(), "escrow running totals");
    }

    /// @notice No account takes out more than it put in plus what it can have earned.
    function invariant_NoAccountTakesMoreThanItPutInAndEarned() public view {
        address[] memory accounts = ghosts.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            address a = accounts[i];
            vm.assertLe(ghosts.tookOut(a), ghosts.putIn(a) + ghosts.earnedCap(a), "took out more than in plus earned");
        }
    }

    /// @notice A delisted or slashed-out engine never gets a new lease.
    function invariant_NoLeaseOnAnUnlistedEngine() public view {
        vm.assertFalse(ghosts.leasedAnUnlistedEngine(), "a lease opened on an unlisted engine");
    }

    /// @notice A lease never pays out (claims, refund, carried to the next engine) more than its deposits.
    function invariant_NoLeasePaysMoreThanItsDeposit() public view {
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory l = escrow.lease(id);
            vm.assertLe(l.paid, l.deposit, "paid within deposit");
            vm.assertLe(ghosts.leftLease(id), ghosts.deposited(id), "left the lease within what went in");
        }
        vm.assertTrue(escrow.leaseCount() == 0 || ghosts.escrowIn() > 0, "handlers ran");
    }
}
