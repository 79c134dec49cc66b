// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {AvailabilityChallenges} from "../../src/registry/AvailabilityChallenges.sol";
import {MarketInvariantBase} from "./MarketInvariantBase.sol";
import {EventReplay} from "./stores/EventReplay.sol";

/// @notice An indexer that folds the market's events (and nothing else) sees what the contracts' views say:
/// engines, leases, each pico's current lease, challenges, credits and the parameters in force.
contract EventReplayInvariantTest is MarketInvariantBase {
    /// @notice Every engine's view is what its events rebuild.
    /// forge-config: default.invariant.depth = 128
    function invariant_EnginesReplayFromEvents() public view {
        assertEq(replay.engineCount(), registry.engineCount(), "replayed engine count");
        assertEq(replay.advertHashMismatches(), 0, "an advert's published fields do not hash to its hash");
        for (uint256 id = 1; id <= registry.engineCount(); ++id) {
            EngineRegistry.EngineView memory v = registry.engine(id);
            EventReplay.EngineReplay memory r = replay.engine(id);
            assertEq(v.operator, r.operator, "replayed operator");
            assertEq(v.agent, r.agent == address(0) ? r.operator : r.agent, "replayed agent");
            assertEq(v.payout, r.payout == address(0) ? r.operator : r.payout, "replayed payout");
            assertEq(v.pendingOperator, r.pendingOperator, "replayed pending operator");
            assertEq(v.stake, r.stake, "replayed stake");
            assertEq(v.unbonding, r.unbonding, "replayed unbonding");
            assertEq(v.unlockAt, r.unlockAt, "replayed unlockAt");
            assertEq(v.pricePerHour, r.price, "replayed price");
            assertEq(v.capacity, r.capacity, "replayed capacity");
            assertEq(v.advertHash, r.advertHash, "replayed advert hash");
            assertEq(v.activeLeases, r.activeLeases, "replayed activeLeases");
            assertEq(v.openChallenges, r.openChallenges, "replayed open challenges");
            assertEq(v.epoch, r.epoch, "replayed epoch");
            assertEq(v.halted, r.halted, "replayed halted");
            assertEq(v.listed, replay.listed(id), "replayed listed");
        }
    }

    /// @notice Every lease's view, every pico's current lease and refund credit, is what the escrow's events
    /// rebuild (with the block time they were emitted at, and the engines' halts).
    /// forge-config: default.invariant.depth = 128
    function invariant_LeasesReplayFromEvents() public view {
        assertEq(replay.leaseCount(), escrow.leaseCount(), "replayed lease count");
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory v = escrow.lease(id);
            EventReplay.LeaseReplay memory r = replay.lease(id);
            assertEq(v.pico, r.pico, "replayed pico");
            assertEq(v.engineId, r.engineId, "replayed engine");
            assertEq(v.startedAt, r.startedAt, "replayed start");
            assertEq(v.active, r.active, "replayed activity");
            assertEq(v.deposit, r.deposit, "replayed deposit");
            assertEq(v.paid, r.paid, "replayed paid");
            assertEq(v.pricePerHour, r.price, "replayed price");
            assertEq(v.epoch, r.epoch, "replayed epoch");
            assertEq(v.accrued, replay.accrued(id), "replayed accrued");
            assertEq(v.moveTo, r.moveTo, "replayed pending move's target");
            assertEq(v.movePrice, r.movePrice, "replayed pending move's price");
            assertEq(v.moveDeadline, r.moveDeadline, "replayed pending move's deadline");
        }
        for (uint256 p = 0; p < picos.length; ++p) {
            assertEq(escrow.currentLease(picos[p]).id, replay.currentOf(picos[p]), "replayed current lease");
            assertEq(escrow.refundOf(picos[p]), replay.refundOf(picos[p]), "replayed refund credit");
        }
    }

    /// @notice Challenges, credits and the parameters in force are what the registry's events rebuild.
    /// forge-config: default.invariant.depth = 128
    function invariant_ChallengesCreditsAndParametersReplayFromEvents() public view {
        for (uint256 id = 1; id <= registry.challengeCount(); ++id) {
            AvailabilityChallenges.Challenge memory c = registry.challenge(id);
            EventReplay.ChallengeReplay memory r = replay.challenge(id);
            assertEq(c.challenger, r.challenger, "replayed challenger");
            assertEq(c.engineId, r.engineId, "replayed challenged engine");
            assertEq(c.deadline, r.deadline, "replayed challenge deadline");
            assertEq(c.bond, r.bond, "replayed challenge bond");
        }
        address[] memory credited = store.credited();
        for (uint256 i = 0; i < credited.length; ++i) {
            assertEq(registry.creditOf(credited[i]), replay.creditOf(credited[i]), "replayed credit");
        }
        IEngineRegistry.Parameters memory p = registry.parameters();
        assertEq(p.minStake, replay.parameter("minStake"), "replayed minStake");
        assertEq(p.challengeBond, replay.parameter("challengeBond"), "replayed challengeBond");
        assertEq(p.challengeWindow, replay.parameter("challengeWindow"), "replayed challengeWindow");
        assertEq(p.unbondingPeriod, replay.parameter("unbondingPeriod"), "replayed unbondingPeriod");
        assertEq(p.slashBps, replay.parameter("slashBps"), "replayed slashBps");
        assertEq(p.maxArbiterSlashBps, replay.parameter("maxArbiterSlashBps"), "replayed maxArbiterSlashBps");
        assertEq(p.minPrepaidPeriod, replay.parameter("minPrepaidPeriod"), "replayed minPrepaidPeriod");
        assertEq(p.moveWindow, replay.parameter("moveWindow"), "replayed moveWindow");
        assertEq(p.treasury, address(uint160(replay.parameter("treasury"))), "replayed treasury");
        assertScheduleReplays();
    }
}
