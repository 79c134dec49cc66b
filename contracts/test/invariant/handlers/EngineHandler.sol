// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {vm} from "../../utils/Vm.sol";
import {EventReplay} from "../stores/EventReplay.sol";
import {MarketStore} from "../stores/MarketStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

// Inputs are bounded before they are cast, and time is what the model follows:
// forge-lint: disable-next-item(unsafe-typecast,block-timestamp)
/// @notice Drives the engines' side of the registry: operators (a contract that refuses ether among them)
/// register, publish adverts, stake, unbond and withdraw, name agents and payout addresses and hand their role
/// over; agents update adverts; agents and operators add stake (others try); anyone withdraws credits.
contract EngineHandler is BaseHandler {
    uint256 private constant MAX_CAPACITY = 4;
    uint256 private constant MAX_PRICE = 0.002 ether;
    /// @dev The most an advert may ask, what a lease stores its price in (72 bits): some engines ask it.
    uint256 private constant MAX_ADVERT_PRICE = type(uint72).max;

    constructor(EngineRegistry registry_, MarketStore store_, EventReplay replay_)
        BaseHandler(registry_, store_, replay_)
    {}

    /// @dev Registers with a stake around the minimum and, one time in ten each, an advert without capacity,
    /// without encryption key, without endpoint, or asking more than 72 bits hold.
    function register(uint256 who, uint256 stake, uint256 advertSeed) external {
        address op = store.member(MarketStore.Role.Operator, who);
        stake = _bound(stake, 0.4 ether, 4 ether);
        (IEngineRegistry.Advert memory a, bytes memory expected) = _advert(advertSeed);
        uint256 minStake = store.params().minStake;
        if (stake < minStake) expected = abi.encodeWithSelector(Errors.InsufficientStake.selector, stake, minStake);
        _fund(op, stake);
        _record();
        vm.prank(op);
        try registry.register{value: stake}(a) returns (uint256 id) {
            _succeeded("register", expected);
            _check(id == store.register(op, stake, a.pricePerHour, a.capacity), "register: engine id");
        } catch (bytes memory reason) {
            _reverted("register", reason, expected);
        }
    }

    /// @dev Usually by the engine's agent, sometimes lowering the capacity below the leases it holds.
    function updateAdvert(uint256 engine, uint256 by, uint256 advertSeed) external {
        uint256 id = _engineId(engine, true);
        address caller = _usually(store.agentOf(id), by);
        (IEngineRegistry.Advert memory a, bytes memory advertError) = _advert(advertSeed);
        bytes memory expected = _agentError(id, caller);
        if (expected.length == 0) expected = advertError;
        _record();
        vm.prank(caller);
        try registry.updateAdvert(id, a) {
            _succeeded("updateAdvert", expected);
            store.writeAdvert(id, a.pricePerHour, a.capacity);
        } catch (bytes memory reason) {
            _reverted("updateAdvert", reason, expected);
        }
    }

    /// @dev Usually by the engine's agent, else its operator or anyone (whose stake must not put an engine that
    /// left back on the market); one time in eight nothing.
    function addStake(uint256 engine, uint256 by, uint256 amount) external {
        uint256 id = _engineId(engine, true);
        address from = _usually(by % 7 == 6 ? store.engine(id).operator : store.agentOf(id), by);
        amount = amount % 8 == 7 ? 0 : _bound(amount / 8, 1, 2 ether);
        bytes memory expected = _agentError(id, from);
        if (expected.length == 0 && amount == 0) expected = abi.encodeWithSelector(Errors.ZeroAmount.selector);
        _fund(from, amount);
        _record();
        vm.prank(from);
        try registry.addStake{value: amount}(id) {
            _succeeded("addStake", expected);
            store.addStake(id, amount);
        } catch (bytes memory reason) {
            _reverted("addStake", reason, expected);
        }
    }

    /// @dev Usually by the operator of an engine hosting leases, some or all of the stake (which may halt the
    /// engine and stop its leases), sometimes more.
    function requestUnbond(uint256 engine, uint256 by, uint256 amount) external {
        uint256 id = _hostingEngine(engine);
        MarketStore.EngineModel memory e = store.engine(id);
        address caller = _usually(e.operator, by);
        amount = amount % 8 == 7 ? 0 : amount % 8 == 6 ? e.stake : _bound(amount / 8, 1, e.stake + 0.5 ether);
        bytes memory expected = _operatorError(id, caller);
        if (expected.length == 0 && amount == 0) expected = abi.encodeWithSelector(Errors.ZeroAmount.selector);
        if (expected.length == 0 && amount > e.stake) {
            expected = abi.encodeWithSelector(Errors.UnbondExceedsStake.selector, id, amount, e.stake);
        }
        _record();
        vm.prank(caller);
        try registry.requestUnbond(id, amount) {
            _succeeded("requestUnbond", expected);
            store.unbond(id, amount);
        } catch (bytes memory reason) {
            _reverted("requestUnbond", reason, expected);
        }
    }

    /// @dev Usually by the operator, on an engine whose unbonding stake has unlocked.
    function withdraw(uint256 engine, uint256 by) external {
        uint256 id = _unlockedEngine(engine);
        MarketStore.EngineModel memory e = store.engine(id);
        address caller = _usually(e.operator, by);
        bytes memory expected = _operatorError(id, caller);
        if (expected.length == 0) expected = _withdrawError(id, e);
        uint256 before = caller.balance;
        _record();
        vm.prank(caller);
        try registry.withdraw(id) {
            _succeeded("withdraw", expected);
            _check(caller.balance - before == store.withdraw(id), "withdraw: amount sent");
        } catch (bytes memory reason) {
            _reverted("withdraw", reason, expected);
        }
    }

    /// @dev Usually by the operator: one of the agents, or none (the operator acts as its own agent).
    function setAgent(uint256 engine, uint256 by, uint256 to) external {
        uint256 id = _engineId(engine, true);
        address caller = _usually(store.engine(id).operator, by);
        address agent = to % 4 == 3 ? address(0) : store.member(MarketStore.Role.Agent, to);
        bytes memory expected = _operatorError(id, caller);
        _record();
        vm.prank(caller);
        try registry.setAgent(id, agent) {
            _succeeded("setAgent", expected);
            store.setAgent(id, agent);
        } catch (bytes memory reason) {
            _reverted("setAgent", reason, expected);
        }
    }

    /// @dev Usually by the operator: a payout address (the ether-refusing contract among them), or none.
    function setPayout(uint256 engine, uint256 by, uint256 to) external {
        uint256 id = _engineId(engine, true);
        address caller = _usually(store.engine(id).operator, by);
        address payout = to % 4 == 3 ? address(0) : store.member(MarketStore.Role.Payout, to);
        bytes memory expected = _operatorError(id, caller);
        _record();
        vm.prank(caller);
        try registry.setPayout(id, payout) {
            _succeeded("setPayout", expected);
            store.setPayout(id, payout);
        } catch (bytes memory reason) {
            _reverted("setPayout", reason, expected);
        }
    }

    /// @dev Usually by the operator, to another operator, or to nobody (which cancels a pending transfer).
    function transferOperator(uint256 engine, uint256 by, uint256 to) external {
        uint256 id = _engineId(engine, true);
        address caller = _usually(store.engine(id).operator, by);
        address next = to % 4 == 3 ? address(0) : store.member(MarketStore.Role.Operator, to);
        bytes memory expected = _operatorError(id, caller);
        _record();
        vm.prank(caller);
        try registry.transferOperator(id, next) {
            _succeeded("transferOperator", expected);
            store.setPendingOperator(id, next);
        } catch (bytes memory reason) {
            _reverted("transferOperator", reason, expected);
        }
    }

    /// @dev Usually on an engine being handed over, by its pending operator.
    function acceptOperator(uint256 engine, uint256 by) external {
        uint256 id = _handedOverEngine(engine);
        address pending = store.engine(id).pendingOperator;
        address caller = pending == address(0) ? store.anyone(by) : _usually(pending, by);
        bytes memory expected;
        if (!_known(id)) {
            expected = abi.encodeWithSelector(Errors.UnknownEngine.selector, id);
        } else if (pending == address(0) || caller != pending) {
            expected = abi.encodeWithSelector(Errors.NotPendingOperator.selector, id, caller, pending);
        }
        _record();
        vm.prank(caller);
        try registry.acceptOperator(id) {
            _succeeded("acceptOperator", expected);
            store.acceptOperator(id);
        } catch (bytes memory reason) {
            _reverted("acceptOperator", reason, expected);
        }
    }

    /// @dev Usually an account that was credited (challengers, payout addresses, the treasury), else anyone.
    function withdrawCredit(uint256 who) external {
        address[] memory credited = store.credited();
        address account = credited.length == 0 || who % 4 == 3 ? store.anyone(who) : credited[who % credited.length];
        uint256 amount = store.creditOf(account);
        bytes memory expected =
            amount == 0 ? abi.encodeWithSelector(Errors.NoPayout.selector, account) : _sendError(account, amount);
        uint256 before = account.balance;
        _record();
        vm.prank(account);
        try registry.withdrawCredit() {
            _succeeded("withdrawCredit", expected);
            _check(account.balance - before == store.withdrawCredit(account), "withdrawCredit: amount sent");
        } catch (bytes memory reason) {
            _reverted("withdrawCredit", reason, expected);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev An advert (a price that may be zero or, one time in ten, the most a lease stores; a capacity of
    /// 1-4 slots) and the error it should revert with.
    function _advert(uint256 seed) internal pure returns (IEngineRegistry.Advert memory a, bytes memory expected) {
        uint256 flaw = seed % 10;
        seed /= 10;
        a = IEngineRegistry.Advert({
            endpoint: flaw == 2 ? "" : "https://engine.example",
            did: "did:web:engine.example",
            pricePerHour: flaw == 4
                ? MAX_ADVERT_PRICE + 1
                : seed % 5 == 4 ? 0 : seed % 10 == 3 ? MAX_ADVERT_PRICE : _bound(seed, 1, MAX_PRICE),
            latencyMs: uint32(seed % 500),
            capacity: flaw == 0 ? 0 : uint32(_bound(seed / 7, 1, MAX_CAPACITY)),
            region: "eu-west",
            metadataCid: "",
            encryptionKey: flaw == 1 ? bytes32(0) : keccak256(abi.encode(seed))
        });
        if (flaw == 2) {
            expected =
                abi.encodeWithSelector(Errors.FieldLength.selector, "endpoint", uint256(0), uint256(1), uint256(256));
        } else if (flaw == 0) {
            expected = abi.encodeWithSelector(Errors.ZeroCapacity.selector);
        } else if (flaw == 1) {
            expected = abi.encodeWithSelector(Errors.MissingEncryptionKey.selector);
        } else if (flaw == 4) {
            expected = abi.encodeWithSelector(
                Errors.NumberTooLarge.selector, "pricePerHour", MAX_ADVERT_PRICE + 1, MAX_ADVERT_PRICE
            );
        }
    }

    /// @dev Why the operator could not withdraw the engine's unbonding stake (empty if it can).
    function _withdrawError(uint256 id, MarketStore.EngineModel memory e) internal view returns (bytes memory) {
        if (e.unbonding == 0) return abi.encodeWithSelector(Errors.NothingToWithdraw.selector, id);
        if (block.timestamp < e.unlockAt) {
            return abi.encodeWithSelector(Errors.UnbondingLocked.selector, id, e.unlockAt, block.timestamp);
        }
        if (e.openChallenges != 0) return abi.encodeWithSelector(Errors.ChallengePending.selector, id);
        return _sendError(e.operator, e.unbonding);
    }

    /// @dev Usually an engine with a pending operator; one time in four, or when there is none, any.
    function _handedOverEngine(uint256 seed) internal view returns (uint256) {
        uint256 count = store.engineCount();
        if (count == 0 || seed % 4 == 3) return _engineId(seed, true);
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + (seed % count + i) % count;
            if (store.engine(id).pendingOperator != address(0)) return id;
        }
        return _engineId(seed, true);
    }

    /// @dev Usually an engine whose unbonding stake has unlocked; one time in four, or when there is none, any.
    function _unlockedEngine(uint256 seed) internal view returns (uint256) {
        uint256 count = store.engineCount();
        if (count == 0 || seed % 4 == 3) return _engineId(seed, true);
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + (seed % count + i) % count;
            MarketStore.EngineModel memory e = store.engine(id);
            if (e.unbonding != 0 && block.timestamp >= e.unlockAt) return id;
        }
        return _engineId(seed, true);
    }
}
