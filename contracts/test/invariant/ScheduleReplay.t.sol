// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {vm} from "../utils/Vm.sol";
import {MarketInvariantBase} from "./MarketInvariantBase.sol";

/// @notice What the fuzzed replay cannot reach: a schedule of the parameters already in force. It replaces (so
/// drops) a pending change and sets a new effective time, yet {RegistryParameters.scheduleParameters} announces
/// only the parameters that differ from those in force, so it emits nothing at all.
/// @dev FAILS against the contracts as they are (a finding, reported): the indexer keeps showing the dropped
/// change as coming.
contract ScheduleReplayTest is MarketInvariantBase {
    function test_ReschedulingTheParametersInForce_IsAnnounced() public {
        IEngineRegistry.Parameters memory inForce = registry.parameters();
        IEngineRegistry.Parameters memory next = registry.parameters();
        // forge-lint: disable-next-line(unsafe-typecast)
        next.minStake = uint128(2 * MIN_STAKE); // a constant that fits
        _schedule(next);
        assertEq(replay.scheduled("minStake"), 2 * MIN_STAKE, "the announced change");

        // The admin changes its mind the way the interface allows: it schedules the parameters in force.
        _schedule(inForce);
        (IEngineRegistry.Parameters memory scheduled, uint256 effectiveAt) = registry.scheduledParameters();
        assertEq(scheduled.minStake, MIN_STAKE, "the registry dropped the change");
        assertEq(replay.scheduled("minStake"), scheduled.minStake, "an indexer still shows the dropped change");
        assertEq(replay.scheduledAt(), effectiveAt, "an indexer's effective time of the schedule");
    }

    function _schedule(IEngineRegistry.Parameters memory p) private {
        vm.recordLogs();
        vm.prank(admin);
        registry.scheduleParameters(p);
        replay.fold(vm.getRecordedLogs());
    }
}
