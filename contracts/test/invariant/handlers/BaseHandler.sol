// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {vm} from "../../utils/Vm.sol";
import {EventReplay} from "../stores/EventReplay.sol";
import {MarketStore} from "../stores/MarketStore.sol";

// Inputs are bounded before they are cast, and time is what the model follows:
// forge-lint: disable-next-item(unsafe-typecast,block-timestamp)
/// @notice What every handler shares: the contracts, the model, the replay of events, the cast, and the
/// bookkeeping of each call.
/// @dev Handlers predict every call's outcome from the model (the exact revert data, or success), make the call
/// with try/catch so that nothing reverts (fail_on_revert is on: a handler that reverts is a broken handler), then
/// apply the model's effects and fold the call's logs into the replay on success. A reverted call's logs are
/// dropped: forge records the logs of reverted calls too.
abstract contract BaseHandler {
    uint256 internal constant MAX_DEPOSIT = type(uint80).max;
    uint256 internal constant ANY_PRICE = type(uint72).max;
    /// @dev A key that is no pico's: its signatures are forgeries.
    uint256 internal constant FORGER_KEY = 0xBAD;

    EngineRegistry internal immutable registry;
    LeaseEscrow internal immutable escrow;
    MarketStore internal immutable store;
    EventReplay internal immutable replay;

    constructor(EngineRegistry registry_, MarketStore store_, EventReplay replay_) {
        registry = registry_;
        escrow = LeaseEscrow(registry_.escrow());
        store = store_;
        replay = replay_;
    }

    /*//////////////////////////////////////////////////////////////
                                OUTCOMES
    //////////////////////////////////////////////////////////////*/

    /// @dev Starts recording the logs of the call about to be made.
    function _record() internal {
        vm.recordLogs();
    }

    /// @dev The call succeeded: checks it was predicted, and replays its events.
    function _succeeded(string memory action, bytes memory expected) internal {
        replay.fold(vm.getRecordedLogs());
        store.outcome(action, true, "", expected);
    }

    /// @dev The call reverted: checks it was with the predicted error; its logs are dropped.
    function _reverted(string memory action, bytes memory reason, bytes memory expected) internal {
        vm.getRecordedLogs();
        store.outcome(action, false, reason, expected);
    }

    /// @dev Reports `what` unless `ok`.
    function _check(bool ok, string memory what) internal {
        if (!ok) store.surprise(what);
    }

    /*//////////////////////////////////////////////////////////////
                                 PICKS
    //////////////////////////////////////////////////////////////*/

    /// @dev Usually `usual`, one time in five (or when there is no `usual`) anyone in the cast, who may still be
    /// `usual`.
    function _usually(address usual, uint256 seed) internal view returns (address) {
        return usual == address(0) || seed % 5 == 4 ? store.anyone(seed / 5) : usual;
    }

    /// @dev A registered engine; with `orUnknown`, one time in eight an id never registered (0 or the next).
    function _engineId(uint256 seed, bool orUnknown) internal view returns (uint256) {
        uint256 count = store.engineCount();
        if (count == 0 || (orUnknown && seed % 8 == 7)) return seed % 2 == 0 ? 0 : count + 1;
        return 1 + (seed / 8) % count;
    }

    /// @dev Usually (three times in four) a pico that holds a lease, or with `holding` false one that holds none,
    /// and with `signing` one that can sign; otherwise, or when there is none such, any pico.
    function _pico(uint256 seed, bool holding, bool signing) internal view returns (address) {
        address[] memory all = store.members(MarketStore.Role.Pico);
        if (seed % 4 != 3) {
            for (uint256 i = 0; i < all.length; ++i) {
                address p = all[(seed / 4 % all.length + i) % all.length];
                bool fits = (store.currentOf(p) != 0) == holding && (!signing || store.signingKeyOf(p) != 0);
                if (fits) return p;
            }
        }
        return all[seed % all.length];
    }

    /// @dev Usually (three times in four) a listed engine with room other than `except`; otherwise, or when there
    /// is none such, any engine (`except`, an unlisted or full one) or an unknown one.
    function _openEngine(uint256 seed, uint256 except) internal view returns (uint256) {
        uint256 count = store.engineCount();
        if (count != 0 && seed % 4 != 3) {
            for (uint256 i = 0; i < count; ++i) {
                uint256 id = 1 + (seed / 4 % count + i) % count;
                MarketStore.EngineModel memory e = store.engine(id);
                if (id != except && store.isListed(id) && e.activeLeases < e.capacity) return id;
            }
        }
        return _engineId(seed / 4, true);
    }

    /// @dev Usually (three times in four) an engine hosting a lease, so that its halts stop leases; otherwise, or
    /// when there is none such, any engine or an unknown one.
    function _hostingEngine(uint256 seed) internal view returns (uint256) {
        uint256 count = store.leaseCount();
        if (seed % 4 != 3) {
            for (uint256 i = 0; i < count; ++i) {
                MarketStore.LeaseModel memory l = store.lease(1 + (seed / 4 + i) % count);
                if (l.active) return l.engineId;
            }
        }
        return _engineId(seed / 4, true);
    }

    /// @dev Any lease, one time in sixteen an unknown one.
    function _leaseId(uint256 seed) internal view returns (uint256) {
        uint256 count = store.leaseCount();
        if (count == 0 || seed % 16 == 15) return count + 1;
        return 1 + (seed / 16) % count;
    }

    /// @dev Usually a lease with a pending move, so that runs reach the success paths; one time in four, or when
    /// none has one, any lease.
    function _pendingMoveId(uint256 seed) internal view returns (uint256) {
        uint256 count = store.leaseCount();
        if (count == 0 || seed % 4 == 3) return _leaseId(seed);
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + (seed % count + i) % count;
            if (store.lease(id).moveTo != 0) return id;
        }
        return _leaseId(seed);
    }

    /// @dev Usually more than the engine asks, one time in six exactly its price, one time in six just below.
    function _maxPrice(uint256 seed, uint256 engineId) internal view returns (uint256) {
        uint256 price = store.engine(engineId).price;
        if (seed % 6 == 5 && price > 0) return price - 1;
        if (seed % 6 == 4) return price;
        return ANY_PRICE;
    }

    /// @dev A deposit around the least a lease at `price` takes: below it one time in eight, too large for the
    /// escrow one time in sixty-four, otherwise up to twenty times the least (hours of hosting, which run out within
    /// a run).
    function _deposit(uint256 seed, uint256 price) internal view returns (uint256) {
        uint256 min = store.minDeposit(price);
        if (seed % 64 == 63) return MAX_DEPOSIT + 1;
        if (seed % 8 == 7) return min - 1;
        return _bound(seed / 8, min, 20 * min);
    }

    /*//////////////////////////////////////////////////////////////
                               SIGNATURES
    //////////////////////////////////////////////////////////////*/

    /// @dev A sponsor's signed request for `pico`, and the error it should revert with (empty if none): usually
    /// valid; one time in sixteen each forged, with a used-up nonce, or past its deadline; always forged for a
    /// pico that cannot sign.
    function _signed(bytes32 typehash, address pico, uint256 engineId, uint256 maxPrice, uint256 seed)
        internal
        view
        returns (bytes memory signature, uint256 deadline, bytes memory expected)
    {
        uint256 key = store.signingKeyOf(pico);
        uint256 nonce = escrow.nonces(pico);
        deadline = block.timestamp + 1 hours;
        if (seed % 16 == 15 || key == 0) {
            key = FORGER_KEY;
        } else if (seed % 16 == 14 && nonce > 0) {
            --nonce;
        } else if (seed % 16 == 13) {
            deadline = block.timestamp - 1;
        }
        signature = _sign(key, keccak256(abi.encode(typehash, pico, engineId, maxPrice, nonce, deadline)));
        if (deadline < block.timestamp) {
            expected = abi.encodeWithSelector(Errors.SignatureExpired.selector, deadline, block.timestamp);
        } else if (key == FORGER_KEY || nonce != store.nonceOf(pico)) {
            expected = abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico);
        }
    }

    /// @dev `key`'s signature of the EIP-712 request whose struct hash is `structHash`.
    function _sign(uint256 key, bytes32 structHash) internal view returns (bytes memory) {
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", escrow.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /*//////////////////////////////////////////////////////////////
                               PREDICTIONS
    //////////////////////////////////////////////////////////////*/

    function _known(uint256 engineId) internal view returns (bool) {
        return engineId != 0 && engineId <= store.engineCount();
    }

    /// @dev Why the escrow could not take a slot on the engine at no more than `maxPrice` (empty if it can).
    function _slotError(uint256 engineId, uint256 maxPrice) internal view returns (bytes memory) {
        if (!_known(engineId)) return abi.encodeWithSelector(Errors.UnknownEngine.selector, engineId);
        if (!store.isListed(engineId)) return abi.encodeWithSelector(Errors.EngineNotListed.selector, engineId);
        MarketStore.EngineModel memory e = store.engine(engineId);
        if (e.price > maxPrice) {
            return abi.encodeWithSelector(Errors.PriceAboveMax.selector, engineId, e.price, maxPrice);
        }
        if (e.activeLeases >= e.capacity) {
            return abi.encodeWithSelector(Errors.EngineAtCapacity.selector, engineId, e.capacity);
        }
        return "";
    }

    /// @dev Why `deposit` could not fund a lease at `price` (empty if it can).
    function _depositError(uint256 deposit, uint256 price) internal view returns (bytes memory) {
        uint256 min = store.minDeposit(price);
        if (deposit >= min && deposit <= MAX_DEPOSIT) return "";
        return abi.encodeWithSelector(Errors.InvalidDeposit.selector, deposit, min, MAX_DEPOSIT);
    }

    /// @dev Why `caller` could not act as the engine's agent (empty if it can).
    function _agentError(uint256 engineId, address caller) internal view returns (bytes memory) {
        if (!_known(engineId)) return abi.encodeWithSelector(Errors.UnknownEngine.selector, engineId);
        if (store.isAgent(engineId, caller)) return "";
        return abi.encodeWithSelector(Errors.NotAgent.selector, engineId, caller);
    }

    /// @dev Why `caller` could not act as the engine's operator (empty if it can).
    function _operatorError(uint256 engineId, address caller) internal view returns (bytes memory) {
        if (!_known(engineId)) return abi.encodeWithSelector(Errors.UnknownEngine.selector, engineId);
        address op = store.engine(engineId).operator;
        if (caller == op) return "";
        return abi.encodeWithSelector(Errors.NotOperator.selector, engineId, caller, op);
    }

    /// @dev Why sending `amount` to `to` would fail (empty if it would not).
    function _sendError(address to, uint256 amount) internal view returns (bytes memory) {
        if (amount == 0 || !store.refusesEther(to)) return "";
        return abi.encodeWithSelector(Errors.TransferFailed.selector, to, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Gives `account` `amount` more wei to pay in with.
    function _fund(address account, uint256 amount) internal {
        vm.deal(account, account.balance + amount);
    }

    function _warp(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
    }

    /// @dev `x` mapped into [min, max].
    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + x % (max - min + 1);
    }
}
