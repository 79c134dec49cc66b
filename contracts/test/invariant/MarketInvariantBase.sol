// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";
import {BaseHandler} from "./handlers/BaseHandler.sol";
import {ChallengeHandler} from "./handlers/ChallengeHandler.sol";
import {EngineHandler} from "./handlers/EngineHandler.sol";
import {GovernanceHandler} from "./handlers/GovernanceHandler.sol";
import {LeaseHandler} from "./handlers/LeaseHandler.sol";
import {MoveHandler} from "./handlers/MoveHandler.sol";
import {InvariantRefusingAccount} from "./mocks/InvariantRefusingAccount.sol";
import {InvariantSigningPico} from "./mocks/InvariantSigningPico.sol";
import {EventReplay} from "./stores/EventReplay.sol";
import {MarketStore} from "./stores/MarketStore.sol";

// The parameters are constants that fit their fields:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice The market the invariant suites fuzz: a registry and escrow deployed with a short unbonding period
/// (so withdrawals happen within a run's warps), and challenge and move windows of hours (so agents answer some
/// in time between warps), their events recorded from deployment on, the handlers' model,
/// the cast (keyed picos, a smart-wallet pico, a contract that refuses ether in every role it can play), and
/// two engines registered through the handlers.
/// @dev forge calls only the handlers (see {targetContracts}); they never revert.
abstract contract MarketInvariantBase is Base {
    uint256 internal constant CHALLENGE_WINDOW = 2 hours;
    uint256 internal constant UNBONDING_PERIOD = 3 hours;
    uint256 internal constant MOVE_WINDOW_OF_RUNS = 3 hours;
    uint256 internal constant SECOND_PICO_KEY = 0xB0B;
    uint256 internal constant THIRD_PICO_KEY = 0xCA401;
    uint256 internal constant WALLET_OWNER_KEY = 0x0BE1;

    MarketStore internal store;
    EventReplay internal replay;
    EngineHandler internal engineHandler;
    ChallengeHandler internal challengeHandler;
    GovernanceHandler internal governanceHandler;
    LeaseHandler internal leaseHandler;
    MoveHandler internal moveHandler;
    address internal refuser;
    address[] internal picos;

    function setUp() public virtual override {
        super.setUp();
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeWindow = uint64(CHALLENGE_WINDOW);
        p.unbondingPeriod = uint64(UNBONDING_PERIOD);
        p.moveWindow = uint32(MOVE_WINDOW_OF_RUNS);
        // A fresh market, recorded from its constructor on: the replay learns the parameters from their events.
        vm.recordLogs();
        deploy(p); // the registry deploys its escrow
        bytes32 arbiterRole = registry.ARBITER_ROLE();
        vm.prank(admin);
        registry.grantRole(arbiterRole, arbiter);
        replay = new EventReplay(address(registry), address(escrow));
        replay.fold(vm.getRecordedLogs());
        store = new MarketStore();
        store.setParams(p);
        _cast();

        engineHandler = new EngineHandler(registry, store, replay);
        challengeHandler = new ChallengeHandler(registry, store, replay, arbiter);
        governanceHandler = new GovernanceHandler(registry, store, replay, admin);
        leaseHandler = new LeaseHandler(registry, store, replay);
        moveHandler = new MoveHandler(registry, store, replay);
        // Two engines and three leases to start with, so that moves happen from a run's first calls: valid
        // adverts (the advert seed's last digit names no flaw), then the keyed pico on engine 1, the smart wallet
        // through a sponsor on engine 2, the ether-refusing pico on engine 1 (seeds as the handlers read them).
        engineHandler.register(0, 2 ether, 1e16 + 3);
        engineHandler.register(1, 1.5 ether, 1.5e16 + 7);
        leaseHandler.openLease(0, 0, 8e18, 0);
        leaseHandler.openLeaseFor(12, 0, 4, 16e18, 0);
        leaseHandler.openLease(16, 0, 24e18, 0);
        assertEq(store.leaseCount(), 3, "the leases a run starts with");
        assertEq(store.surprises(), 0, "the market a run starts with");
    }

    /// @dev Read by forge: only the handlers are called at random.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](5);
        targets[0] = address(engineHandler);
        targets[1] = address(challengeHandler);
        targets[2] = address(governanceHandler);
        targets[3] = address(leaseHandler);
        targets[4] = address(moveHandler);
    }

    /// @dev Asserts that what the parameters will be once the schedule applies (those in force when nothing is
    /// scheduled) is what the announcements since the last apply or cancel rebuild, and so is when, for a schedule
    /// that changes something. A schedule that changes nothing is announced by nothing (but the cancellation of the
    /// one it replaces): its effective time is the one thing no event carries, and applying it changes nothing.
    function assertScheduleReplays() internal view {
        IEngineRegistry.Parameters memory inForce = registry.parameters();
        (IEngineRegistry.Parameters memory next, uint256 effectiveAt) = registry.scheduledParameters();
        if (effectiveAt == 0) next = inForce;
        assertEq(next.minStake, replay.scheduled("minStake"), "replayed scheduled minStake");
        assertEq(next.challengeBond, replay.scheduled("challengeBond"), "replayed scheduled challengeBond");
        assertEq(next.challengeWindow, replay.scheduled("challengeWindow"), "replayed scheduled challengeWindow");
        assertEq(next.unbondingPeriod, replay.scheduled("unbondingPeriod"), "replayed scheduled unbondingPeriod");
        assertEq(next.slashBps, replay.scheduled("slashBps"), "replayed scheduled slashBps");
        assertEq(
            next.maxArbiterSlashBps, replay.scheduled("maxArbiterSlashBps"), "replayed scheduled maxArbiterSlashBps"
        );
        assertEq(next.minPrepaidPeriod, replay.scheduled("minPrepaidPeriod"), "replayed scheduled minPrepaidPeriod");
        assertEq(next.moveWindow, replay.scheduled("moveWindow"), "replayed scheduled moveWindow");
        assertEq(next.treasury, address(uint160(replay.scheduled("treasury"))), "replayed scheduled treasury");
        bool changesNothing = keccak256(abi.encode(next)) == keccak256(abi.encode(inForce));
        assertEq(replay.scheduledAt(), changesNothing ? 0 : effectiveAt, "replayed schedule's effective time");
    }

    function _cast() private {
        refuser = address(new InvariantRefusingAccount());
        vm.label(refuser, "refuser");
        store.setRefusesEther(refuser);
        address wallet = address(new InvariantSigningPico(vm.addr(WALLET_OWNER_KEY)));
        vm.label(wallet, "walletPico");

        _join(MarketStore.Role.Operator, operator);
        _join(MarketStore.Role.Operator, otherOperator);
        _join(MarketStore.Role.Operator, actor("thirdOperator"));
        _join(MarketStore.Role.Operator, refuser);
        _join(MarketStore.Role.Agent, agent);
        _join(MarketStore.Role.Agent, actor("otherAgent"));
        _join(MarketStore.Role.Payout, payout);
        _join(MarketStore.Role.Payout, refuser);
        _join(MarketStore.Role.Sponsor, sponsor);
        _join(MarketStore.Role.Sponsor, refuser);
        _join(MarketStore.Role.Other, challenger);
        _join(MarketStore.Role.Other, actor("otherChallenger"));
        _join(MarketStore.Role.Other, refuser);
        _join(MarketStore.Role.Other, stranger);

        _pico(pico, PICO_KEY);
        _pico(vm.addr(SECOND_PICO_KEY), SECOND_PICO_KEY);
        _pico(vm.addr(THIRD_PICO_KEY), THIRD_PICO_KEY);
        _pico(wallet, WALLET_OWNER_KEY);
        _pico(refuser, 0);
    }

    function _join(MarketStore.Role role, address account) private {
        store.join(role, account);
    }

    function _pico(address account, uint256 key) private {
        store.join(MarketStore.Role.Pico, account);
        store.setSigningKey(account, key);
        picos.push(account);
    }
}
