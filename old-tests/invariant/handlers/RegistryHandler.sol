// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {vm} from "../../utils/Vm.sol";
import {MarketStore} from "../stores/MarketStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

// Inputs are bounded before they are cast, and time is what the model follows:
// forge-lint: disable-next-item(unsafe-typecast,block-timestamp)
/// @notice Drives the registry: actors register, restake, unbond, withdraw, challenge and answer; an arbiter
/// slashes; the admin moves the minimum stake; time passes. Keeps the model and running totals in the store.
contract RegistryHandler is BaseHandler {
    address internal immutable admin;
    address internal immutable arbiter;
    address internal immutable treasury;
    IEngineRegistry.Parameters internal params;

    constructor(
        EngineRegistry registry_,
        MarketStore store_,
        address[] memory actors_,
        address admin_,
        address arbiter_
    ) BaseHandler(registry_, store_, actors_) {
        admin = admin_;
        arbiter = arbiter_;
        params = registry_.parameters();
        treasury = params.treasury;
    }

    function register(uint256 who, uint256 stake, uint256 capacity, uint256 price) external {
        address op = _actor(who);
        stake = _bound(stake, 0.5 ether, 4 ether);
        capacity = _bound(capacity, 1, 2);
        price = _bound(price, 0, 0.002 ether);
        uint256 minStake = store.minStake();
        bytes memory expected;
        if (stake < minStake) expected = abi.encodeWithSelector(Errors.InsufficientStake.selector, stake, minStake);
        IEngineRegistry.Advert memory a = IEngineRegistry.Advert(
            "https://e.example", "did:web:e.example", price, 30, uint32(capacity), "eu-west", ""
        );
        _fund(op, stake);
        vm.prank(op);
        try registry.register{value: stake}(a) returns (uint256 id) {
            _outcome("register", true, "", expected);
            store.paidIn(op, stake);
            store.setEngine(id, MarketStore.EngineModel(op, stake, 0, 0, price, capacity, 0));
        } catch (bytes memory reason) {
            _outcome("register", false, reason, expected);
        }
    }

    function updateAdvert(uint256 engine, uint256 by, uint256 capacity, uint256 price) external {
        uint256 id = _engineId(engine, false);
        if (id == 0) return;
        MarketStore.EngineModel memory e = store.engine(id);
        address caller = _usuallyBy(e.operator, by);
        capacity = _bound(capacity, 1, 2);
        price = _bound(price, 0, 0.002 ether);
        bytes memory expected = _notOperator(id, caller, e.operator);
        IEngineRegistry.Advert memory a = IEngineRegistry.Advert(
            "https://e2.example", "did:web:e2.example", price, 20, uint32(capacity), "us-east", "bafkreiupdate"
        );
        vm.prank(caller);
        try registry.updateAdvert(id, a) {
            _outcome("updateAdvert", true, "", expected);
            (e.price, e.capacity) = (price, capacity);
            store.setEngine(id, e);
        } catch (bytes memory reason) {
            _outcome("updateAdvert", false, reason, expected);
        }
    }

    function addStake(uint256 engine, uint256 by, uint256 amount) external {
        uint256 id = _engineId(engine, false);
        if (id == 0) return;
        MarketStore.EngineModel memory e = store.engine(id);
        address caller = _usuallyBy(e.operator, by);
        amount = _amount(amount, 2 ether);
        bytes memory expected = _notOperator(id, caller, e.operator);
        if (expected.length == 0 && amount == 0) expected = abi.encodeWithSelector(Errors.ZeroAmount.selector);
        _fund(caller, amount);
        vm.prank(caller);
        try registry.addStake{value: amount}(id) {
            _outcome("addStake", true, "", expected);
            store.paidIn(caller, amount);
            e.stake += amount;
            store.setEngine(id, e);
        } catch (bytes memory reason) {
            _outcome("addStake", false, reason, expected);
        }
    }

    function requestUnbond(uint256 engine, uint256 by, uint256 amount) external {
        uint256 id = _engineId(engine, false);
        if (id == 0) return;
        MarketStore.EngineModel memory e = store.engine(id);
        address caller = _usuallyBy(e.operator, by);
        amount = _amount(amount, e.stake + 0.5 ether);
        bytes memory expected = _notOperator(id, caller, e.operator);
        if (expected.length == 0 && amount == 0) expected = abi.encodeWithSelector(Errors.ZeroAmount.selector);
        if (expected.length == 0 && amount > e.stake) {
            expected = abi.encodeWithSelector(Errors.UnbondExceedsStake.selector, id, amount, e.stake);
        }
        vm.prank(caller);
        try registry.requestUnbond(id, amount) {
            _outcome("requestUnbond", true, "", expected);
            (e.stake, e.unbonding) = (e.stake - amount, e.unbonding + amount);
            e.unlockAt = block.timestamp + params.unbondingPeriod;
            store.setEngine(id, e);
        } catch (bytes memory reason) {
            _outcome("requestUnbond", false, reason, expected);
        }
    }

    function withdraw(uint256 engine, uint256 by) external {
        uint256 id = _steer(engine, false);
        if (id == 0) return;
        MarketStore.EngineModel memory e = store.engine(id);
        address caller = _usuallyBy(e.operator, by);
        bytes memory expected = _notOperator(id, caller, e.operator);
        if (expected.length == 0) {
            if (e.unbonding == 0) {
                expected = abi.encodeWithSelector(Errors.NothingToWithdraw.selector, id);
            } else if (block.timestamp < e.unlockAt) {
                expected = abi.encodeWithSelector(Errors.UnbondingLocked.selector, id, e.unlockAt, block.timestamp);
            } else if (store.challenge(id).deadline != 0) {
                expected = abi.encodeWithSelector(Errors.ChallengePending.selector, id);
            }
        }
        uint256 before = caller.balance;
        vm.prank(caller);
        try registry.withdraw(id) {
            _outcome("withdraw", true, "", expected);
            store.paidOut(caller, caller.balance - before, e.unbonding);
            e.unbonding = 0;
            store.setEngine(id, e);
        } catch (bytes memory reason) {
            _outcome("withdraw", false, reason, expected);
        }
    }

    function openChallenge(uint256 engine, uint256 who) external {
        uint256 id = _engineId(engine, true);
        if (id == 0) return;
        address challenger = _actor(who);
        MarketStore.ChallengeModel memory c = store.challenge(id);
        bytes memory expected;
        if (id > store.engineCount()) {
            expected = abi.encodeWithSelector(Errors.UnknownEngine.selector, id);
        } else if (!store.isListed(id)) {
            expected = abi.encodeWithSelector(Errors.EngineNotListed.selector, id);
        } else if (c.deadline != 0) {
            expected = abi.encodeWithSelector(Errors.ChallengeAlreadyOpen.selector, id, c.deadline);
        }
        uint256 bond = params.challengeBond;
        _fund(challenger, bond);
        vm.prank(challenger);
        try registry.openChallenge{value: bond}(id) {
            _outcome("openChallenge", true, "", expected);
            store.paidIn(challenger, bond);
            store.setChallenge(
                id, MarketStore.ChallengeModel(challenger, block.timestamp + params.challengeWindow, bond)
            );
        } catch (bytes memory reason) {
            _outcome("openChallenge", false, reason, expected);
        }
    }

    function answerChallenge(uint256 engine, uint256 by) external {
        uint256 id = _steer(engine, true);
        if (id == 0) return;
        address op = store.engine(id).operator;
        address caller = _usuallyBy(op, by);
        MarketStore.ChallengeModel memory c = store.challenge(id);
        bytes memory expected = _notOperator(id, caller, op);
        if (expected.length == 0 && c.deadline == 0) {
            expected = abi.encodeWithSelector(Errors.NoOpenChallenge.selector, id);
        } else if (expected.length == 0 && block.timestamp > c.deadline) {
            expected = abi.encodeWithSelector(Errors.ChallengeWindowClosed.selector, id, c.deadline);
        }
        vm.prank(caller);
        try registry.answerChallenge(id) {
            _outcome("answerChallenge", true, "", expected);
            store.credit(op, c.bond, c.bond);
            store.setChallenge(id, MarketStore.ChallengeModel(address(0), 0, 0));
        } catch (bytes memory reason) {
            _outcome("answerChallenge", false, reason, expected);
        }
    }

    function executeChallenge(uint256 engine, uint256 who) external {
        uint256 id = _steer(engine, true);
        if (id == 0) return;
        MarketStore.ChallengeModel memory c = store.challenge(id);
        bytes memory expected;
        if (c.deadline == 0) {
            expected = abi.encodeWithSelector(Errors.NoOpenChallenge.selector, id);
        } else if (block.timestamp <= c.deadline) {
            expected = abi.encodeWithSelector(Errors.ChallengeWindowOpen.selector, id, c.deadline);
        }
        vm.prank(_actor(who));
        try registry.executeChallenge(id) returns (uint256 slashed) {
            _outcome("executeChallenge", true, "", expected);
            uint256 amount = _slashModel(id, params.slashBps);
            if (slashed != amount) store.surprise("executeChallenge: amount slashed");
            uint256 toChallenger = amount / 2;
            store.credit(c.challenger, toChallenger + c.bond, toChallenger);
            store.credit(treasury, amount - toChallenger, amount - toChallenger);
            store.setChallenge(id, MarketStore.ChallengeModel(address(0), 0, 0));
        } catch (bytes memory reason) {
            _outcome("executeChallenge", false, reason, expected);
        }
    }

    function arbiterSlash(uint256 engine, uint256 bps) external {
        uint256 id = _engineId(engine, false);
        if (id == 0) return;
        uint256 maxBps = params.maxArbiterSlashBps;
        bps = _bound(bps, 0, maxBps + 100);
        bytes memory expected;
        if (bps == 0 || bps > maxBps) expected = abi.encodeWithSelector(Errors.InvalidSlash.selector, bps, maxBps);
        vm.prank(arbiter);
        try registry.arbiterSlash(id, bps, "bafkreicase") returns (uint256 slashed) {
            _outcome("arbiterSlash", true, "", expected);
            uint256 amount = _slashModel(id, bps);
            if (slashed != amount) store.surprise("arbiterSlash: amount slashed");
            store.credit(treasury, amount, amount);
        } catch (bytes memory reason) {
            _outcome("arbiterSlash", false, reason, expected);
        }
    }

    function withdrawPayout(uint256 who) external {
        address account = who % (actors.length + 1) == actors.length ? treasury : _actor(who);
        bytes memory expected;
        if (store.payoutOf(account) == 0) expected = abi.encodeWithSelector(Errors.NoPayout.selector, account);
        uint256 before = account.balance;
        vm.prank(account);
        try registry.withdrawPayout() {
            _outcome("withdrawPayout", true, "", expected);
            store.paidOut(account, account.balance - before, store.debitPayout(account));
        } catch (bytes memory reason) {
            _outcome("withdrawPayout", false, reason, expected);
        }
    }

    /// @dev The admin moves the minimum stake, which lists and delists engines without touching them.
    function setMinStake(uint256 minStake) external {
        params.minStake = uint128(_bound(minStake, 0.5 ether, 2 ether));
        vm.prank(admin);
        registry.setParameters(params);
        store.setMinStake(params.minStake);
    }

    /// @dev A third of the time within a challenge window, a third just past one, a third about an unbonding
    /// period: so that challenges get answered and executed and unbonding stake unlocks.
    function passTime(uint256 seed) external {
        uint256 window = params.challengeWindow;
        uint256 unbonding = params.unbondingPeriod;
        uint256 kind = seed % 3;
        seed /= 3;
        uint256 jump = kind == 0
            ? _bound(seed, 1, window / 2)
            : kind == 1 ? _bound(seed, window, 3 * window) : _bound(seed, unbonding / 2, 2 * unbonding);
        vm.warp(block.timestamp + jump);
    }

    /// @dev Usually an engine where the call can succeed (one with an open challenge, or with unlocked stake),
    /// so that runs of a few dozen calls reach the success paths; one time in four, or when there is none, any.
    function _steer(uint256 seed, bool challenged) internal view returns (uint256) {
        uint256 count = store.engineCount();
        if (count == 0 || seed % 4 == 3) return _engineId(seed, false);
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + (seed % count + i) % count;
            MarketStore.EngineModel memory e = store.engine(id);
            bool unlocked = e.unbonding != 0 && block.timestamp >= e.unlockAt;
            if (challenged ? store.challenge(id).deadline != 0 : unlocked) return id;
        }
        return _engineId(seed, false);
    }

    /// @dev Slashes `bps` of the engine in the model, active stake first; returns the amount.
    function _slashModel(uint256 id, uint256 bps) internal returns (uint256 amount) {
        MarketStore.EngineModel memory e = store.engine(id);
        amount = (e.stake + e.unbonding) * bps / BPS;
        uint256 fromStake = amount < e.stake ? amount : e.stake;
        (e.stake, e.unbonding) = (e.stake - fromStake, e.unbonding - (amount - fromStake));
        store.setEngine(id, e);
    }

    function _notOperator(uint256 id, address caller, address op) internal pure returns (bytes memory) {
        return caller == op ? bytes("") : abi.encodeWithSelector(Errors.NotOperator.selector, id, caller, op);
    }
}
