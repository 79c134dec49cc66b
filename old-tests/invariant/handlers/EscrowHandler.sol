// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {vm} from "../../utils/Vm.sol";
import {MarketStore} from "../stores/MarketStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

/// @notice Drives the escrow: actors open leases on any engine (listed or not, full or not, even unknown),
/// top up, close and move them; operators claim in batches. Keeps the model and running totals in the store.
contract EscrowHandler is BaseHandler {
    string internal constant PICO_DID = "did:key:z6MkInvariantPico";

    constructor(EngineRegistry registry_, MarketStore store_, address[] memory actors_)
        BaseHandler(registry_, store_, actors_)
    {}

    function openLease(uint256 engine, uint256 who, uint256 deposit) external {
        uint256 id = _engineId(engine, true);
        if (id == 0) return;
        address payer = _actor(who);
        deposit = _bound(deposit, 1 gwei, 0.1 ether);
        MarketStore.EngineModel memory e = store.engine(id);
        (bool listed, bool full) = (store.isListed(id), e.activeLeases >= e.capacity);
        bytes memory expected = _slotError(id, e);
        _fund(payer, deposit);
        vm.prank(payer);
        try escrow.openLease{value: deposit}(id, PICO_DID) returns (uint256 leaseId) {
            _outcome("openLease", true, "", expected);
            if (!listed) store.leasedUnlisted();
            if (full) store.leasedFull();
            store.paidIn(payer, deposit);
            _start(leaseId, payer, id, deposit);
        } catch (bytes memory reason) {
            _outcome("openLease", false, reason, expected);
        }
    }

    function topUp(uint256 lease, uint256 by, uint256 amount) external {
        uint256 id = _activeLeaseId(lease);
        if (id == 0) return;
        MarketStore.LeaseModel memory l = store.lease(id);
        address caller = _usuallyBy(l.payer, by);
        amount = _amount(amount, 0.05 ether);
        bytes memory expected = _payersActiveLeaseError(id, l, caller);
        if (expected.length == 0 && amount == 0) {
            expected = abi.encodeWithSelector(Errors.InvalidDeposit.selector, 0, type(uint80).max);
        }
        _fund(caller, amount);
        vm.prank(caller);
        try escrow.topUp{value: amount}(id) {
            _outcome("topUp", true, "", expected);
            store.paidIn(caller, amount);
            (l.deposit, l.wentIn) = (l.deposit + amount, l.wentIn + amount);
            store.setLease(id, l);
        } catch (bytes memory reason) {
            _outcome("topUp", false, reason, expected);
        }
    }

    /// @dev Claims a batch of up to three leases whose engines share an operator, usually by that operator.
    function claim(uint256 lease, uint256 by) external {
        uint256 id = _leaseId(lease);
        if (id == 0) return;
        address op = store.engine(store.lease(id).engineId).operator;
        uint256[] memory batch = _batch(id, op);
        address caller = _usuallyBy(op, by);
        bytes memory expected;
        if (caller != op) expected = abi.encodeWithSelector(Errors.NotLeaseOperator.selector, id, caller, op);
        uint256 before = caller.balance;
        vm.prank(caller);
        try escrow.claim(batch) returns (uint256 total) {
            _outcome("claim", true, "", expected);
            uint256 modelled = _settle(batch);
            if (total != modelled) store.surprise("claim: total");
            store.paidOut(caller, caller.balance - before, modelled);
            store.earn(caller, modelled);
        } catch (bytes memory reason) {
            _outcome("claim", false, reason, expected);
        }
    }

    function close(uint256 lease, uint256 by) external {
        uint256 id = _activeLeaseId(lease);
        if (id == 0) return;
        MarketStore.LeaseModel memory l = store.lease(id);
        address caller = _usuallyBy(l.payer, by);
        bytes memory expected = _payersActiveLeaseError(id, l, caller);
        uint256 before = caller.balance;
        vm.prank(caller);
        try escrow.close(id) returns (uint256 refund) {
            _outcome("close", true, "", expected);
            uint256 modelled = _end(id);
            if (refund != modelled) store.surprise("close: refund");
            store.paidOut(caller, caller.balance - before, modelled);
        } catch (bytes memory reason) {
            _outcome("close", false, reason, expected);
        }
    }

    /// @dev Moves a lease to any engine: the same, an unlisted, a full or an unknown one included.
    function moveLease(uint256 lease, uint256 engine) external {
        uint256 id = _activeLeaseId(lease);
        if (id == 0) return;
        MarketStore.LeaseModel memory l = store.lease(id);
        uint256 to = _engineId(engine, true);
        uint256 count = store.engineCount();
        if (to == l.engineId && count > 1 && engine % 4 != 3) to = 1 + to % count; // usually another engine
        MarketStore.EngineModel memory e = store.engine(to);
        (bool listed, bool full) = (store.isListed(to), e.activeLeases >= e.capacity);
        bytes memory expected;
        if (!l.active) expected = abi.encodeWithSelector(Errors.LeaseNotActive.selector, id);
        else if (to == l.engineId) expected = abi.encodeWithSelector(Errors.SameEngine.selector, id, to);
        else if (store.accrued(id) == l.deposit) expected = abi.encodeWithSelector(Errors.LeaseExhausted.selector, id);
        else expected = _slotError(to, e);
        vm.prank(l.payer);
        try escrow.moveLease(id, to) returns (uint256 next) {
            _outcome("moveLease", true, "", expected);
            if (!listed) store.leasedUnlisted();
            if (full) store.leasedFull();
            _start(next, l.payer, to, _end(id));
        } catch (bytes memory reason) {
            _outcome("moveLease", false, reason, expected);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    function _start(uint256 leaseId, address payer, uint256 engineId, uint256 deposit) internal {
        MarketStore.EngineModel memory e = store.engine(engineId);
        store.setLease(
            leaseId, MarketStore.LeaseModel(payer, engineId, block.timestamp, e.price, deposit, 0, true, deposit, 0)
        );
        ++e.activeLeases;
        store.setEngine(engineId, e);
    }

    /// @dev Ends a lease as close and moveLease do; returns what was left of its deposit.
    function _end(uint256 leaseId) internal returns (uint256 left) {
        MarketStore.LeaseModel memory l = store.lease(leaseId);
        uint256 accrued = store.accrued(leaseId);
        left = l.deposit - accrued;
        (l.deposit, l.active, l.cameOut) = (accrued, false, l.cameOut + left);
        store.setLease(leaseId, l);
        MarketStore.EngineModel memory e = store.engine(l.engineId);
        --e.activeLeases;
        store.setEngine(l.engineId, e);
    }

    /// @dev Pays out what each lease of the batch accrued since its last claim; returns the total.
    function _settle(uint256[] memory batch) internal returns (uint256 total) {
        for (uint256 i = 0; i < batch.length; ++i) {
            MarketStore.LeaseModel memory l = store.lease(batch[i]);
            uint256 accrued = store.accrued(batch[i]);
            uint256 amount = accrued - l.paid;
            (l.paid, l.cameOut) = (accrued, l.cameOut + amount);
            store.setLease(batch[i], l);
            total += amount;
        }
    }

    /// @dev `first` and up to two later leases on engines of the same operator.
    function _batch(uint256 first, address op) internal view returns (uint256[] memory batch) {
        uint256[3] memory found = [first, 0, 0];
        uint256 n = 1;
        uint256 last = store.leaseCount();
        for (uint256 j = first + 1; j <= last && j <= first + 8 && n < 3; ++j) {
            if (store.engine(store.lease(j).engineId).operator == op) found[n++] = j;
        }
        batch = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            batch[i] = found[i];
        }
    }

    function _slotError(uint256 id, MarketStore.EngineModel memory e) internal view returns (bytes memory) {
        if (id > store.engineCount()) return abi.encodeWithSelector(Errors.UnknownEngine.selector, id);
        if (!store.isListed(id)) return abi.encodeWithSelector(Errors.EngineNotListed.selector, id);
        if (e.activeLeases >= e.capacity) {
            return abi.encodeWithSelector(Errors.EngineAtCapacity.selector, id, e.capacity);
        }
        return "";
    }

    function _payersActiveLeaseError(uint256 id, MarketStore.LeaseModel memory l, address caller)
        internal
        pure
        returns (bytes memory)
    {
        if (caller != l.payer) return abi.encodeWithSelector(Errors.NotPayer.selector, id, caller, l.payer);
        if (!l.active) return abi.encodeWithSelector(Errors.LeaseNotActive.selector, id);
        return "";
    }
}
