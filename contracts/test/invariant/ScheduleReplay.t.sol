// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {vm} from "../utils/Vm.sol";
import {MarketInvariantBase} from "./MarketInvariantBase.sol";

/// @notice What the fuzzed replay seldom reaches: a schedule that replaces a pending one. An indexer folds events one
/// at a time, so it can drop the replaced change only because {RegistryParameters.scheduleParameters} announces
/// {ParametersCancelled} first; the schedule of the parameters already in force, which announces no change at all,
/// depends on it most.
contract ScheduleReplayTest is MarketInvariantBase {
    function test_ReschedulingTheParametersInForce_IsAnnounced() public {
        IEngineRegistry.Parameters memory inForce = registry.parameters();
        IEngineRegistry.Parameters memory next = registry.parameters();
        // forge-lint: disable-next-line(unsafe-typecast)
        next.minStake = uint128(2 * MIN_STAKE); // a constant that fits
        _schedule(next);
        assertEq(replay.scheduled("minStake"), 2 * MIN_STAKE, "the announced change");
        assertScheduleReplays();

        // The admin changes its mind the way the interface allows: it schedules the parameters in force.
        _schedule(inForce);
        (IEngineRegistry.Parameters memory scheduled, uint256 effectiveAt) = registry.scheduledParameters();
        assertEq(scheduled.minStake, MIN_STAKE, "the registry dropped the change");
        assertEq(replay.scheduled("minStake"), MIN_STAKE, "an indexer no longer shows the dropped change");
        assertEq(replay.scheduledAt(), 0, "an indexer sees no change coming");
        assertScheduleReplays();

        // What the indexer cannot see, when the empty schedule takes effect, changes nothing when it comes.
        vm.warp(effectiveAt);
        vm.recordLogs();
        registry.applyParameters();
        assertEq(vm.getRecordedLogs().length, 0, "applying the schedule of the parameters in force announces nothing");
        assertEq(keccak256(abi.encode(registry.parameters())), keccak256(abi.encode(inForce)), "parameters in force");
        assertScheduleReplays();
    }

    function test_ReplacingASchedule_DropsWhatOnlyTheReplacedOneChanged() public {
        IEngineRegistry.Parameters memory first = registry.parameters();
        // forge-lint: disable-next-line(unsafe-typecast)
        first.minStake = uint128(2 * MIN_STAKE); // a constant that fits
        _schedule(first);
        skip(1 hours);

        IEngineRegistry.Parameters memory second = registry.parameters();
        second.slashBps = 2_000;
        _schedule(second);
        (, uint256 effectiveAt) = registry.scheduledParameters();
        assertEq(replay.scheduled("minStake"), MIN_STAKE, "an indexer still shows the replaced change");
        assertEq(replay.scheduled("slashBps"), 2_000, "the change that replaced it");
        assertEq(replay.scheduledAt(), effectiveAt, "when the change that replaced it takes effect");
        assertScheduleReplays();
    }

    function _schedule(IEngineRegistry.Parameters memory p) private {
        vm.recordLogs();
        vm.prank(admin);
        registry.scheduleParameters(p);
        replay.fold(vm.getRecordedLogs());
    }
}
