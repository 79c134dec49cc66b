// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {vm} from "../../utils/Vm.sol";
import {MarketStore} from "../stores/MarketStore.sol";

/// @notice What both handlers share: the contracts, the model, a few actors who operate, pay and challenge
/// in turn, and the bookkeeping of each call's outcome.
/// @dev Handlers predict every call's outcome from the model (the exact revert, or success), make the call
/// with try/catch so that nothing reverts, then apply the model's effects on success.
abstract contract BaseHandler {
    uint256 internal constant BPS = 10_000;

    EngineRegistry internal immutable registry;
    LeaseEscrow internal immutable escrow;
    MarketStore internal immutable store;
    address[] internal actors;

    constructor(EngineRegistry registry_, MarketStore store_, address[] memory actors_) {
        registry = registry_;
        escrow = registry_.escrow();
        store = store_;
        actors = actors_;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    /// @dev Usually `usual`, one time in five a random actor (who may still be `usual`). Zero, the fuzzer's
    /// favourite, means `usual`.
    function _usuallyBy(address usual, uint256 seed) internal view returns (address) {
        return seed % 5 == 4 ? _actor(seed / 5) : usual;
    }

    /// @dev Usually a positive amount up to `max`, one time in eight zero.
    function _amount(uint256 seed, uint256 max) internal pure returns (uint256) {
        return seed % 8 == 7 ? 0 : _bound(seed / 8, 1, max);
    }

    /// @dev A registered engine's id; with `orUnknown`, one time in eight the next, unregistered id. 0 when
    /// there is none to give.
    function _engineId(uint256 seed, bool orUnknown) internal view returns (uint256) {
        uint256 count = store.engineCount();
        if (orUnknown && seed % 8 == 7) return count + 1;
        return count == 0 ? 0 : 1 + (seed / 8) % count;
    }

    function _leaseId(uint256 seed) internal view returns (uint256) {
        uint256 count = store.leaseCount();
        return count == 0 ? 0 : 1 + seed % count;
    }

    /// @dev Usually an active lease, so that runs reach the success paths; one time in four, or when none is
    /// active, any lease.
    function _activeLeaseId(uint256 seed) internal view returns (uint256) {
        uint256 count = store.leaseCount();
        if (count == 0 || seed % 4 == 3) return _leaseId(seed);
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + (seed % count + i) % count;
            if (store.lease(id).active) return id;
        }
        return _leaseId(seed);
    }

    /// @dev Gives `account` `amount` more wei to pay in with.
    function _fund(address account, uint256 amount) internal {
        vm.deal(account, account.balance + amount);
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + x % (max - min + 1);
    }

    /// @dev Records whether the call went as the model predicted; returns whether it succeeded.
    function _outcome(string memory action, bool ok, bytes memory reason, bytes memory expected)
        internal
        returns (bool)
    {
        store.outcome(action, ok, reason, expected);
        return ok;
    }
}
