// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {Errors} from "../../src/Errors.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";

// Every input is bounded before it is cast, and time is what several tests vary:
// forge-lint: disable-next-item(unsafe-typecast,block-timestamp)
/// @notice Registration, staking, slashing and parameters over bounded random inputs.
contract EngineRegistryFuzzTest is Base {
    function testFuzz_Register_AcceptsEveryValidAdvert(
        uint256 stake,
        uint256 price,
        uint32 capacity,
        uint32 latency,
        uint256 endpointLength,
        uint256 regionLength
    ) public {
        stake = bound(stake, MIN_STAKE, 10_000 ether);
        vm.deal(operator, stake);
        price = bound(price, 0, type(uint72).max);
        capacity = uint32(bound(capacity, 1, type(uint24).max));
        IEngineRegistry.Advert memory a = advertWith(price, capacity);
        a.latencyMs = latency;
        a.endpoint = stringOf(bound(endpointLength, 1, 256));
        a.region = stringOf(bound(regionLength, 0, 32));

        uint256 id = register(operator, stake, a);
        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.stake, stake, "stake");
        assertEq(e.pricePerHour, price, "price");
        assertEq(e.capacity, capacity, "capacity");
        assertEq(e.advertHash, keccak256(abi.encode(a)), "hash");
        assertEq(e.advertHash, registry.hashAdvert(a), "hashAdvert");
        assertTrue(e.listed, "listed");
    }

    function testFuzz_RevertWhen_StakeIsBelowTheMinimum(uint256 stake) public {
        stake = bound(stake, 0, MIN_STAKE - 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.InsufficientStake.selector, stake, MIN_STAKE));
        register(operator, stake);
    }

    function testFuzz_RevertWhen_AStringIsTooLong(uint256 field, uint256 excess) public {
        field = bound(field, 0, 3);
        excess = bound(excess, 1, 64);
        IEngineRegistry.Advert memory a = sampleAdvert();
        string memory name;
        uint256 min;
        uint256 max;
        if (field == 0) (a.endpoint, name, min, max) = (stringOf(256 + excess), "endpoint", 1, 256);
        else if (field == 1) (a.did, name, min, max) = (stringOf(256 + excess), "did", 1, 256);
        else if (field == 2) (a.region, name, min, max) = (stringOf(32 + excess), "region", 0, 32);
        else (a.metadataCid, name, min, max) = (stringOf(128 + excess), "metadataCid", 0, 128);
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, name, max + excess, min, max));
        register(operator, MIN_STAKE, a);
    }

    function testFuzz_RequestUnbond_SplitsTheStakeAndListsOnlyAtTheMinimum(uint256 stake, uint256 amount) public {
        stake = bound(stake, MIN_STAKE, 1_000 ether);
        amount = bound(amount, 1, stake);
        uint256 id = register(operator, stake);
        vm.prank(operator);
        registry.requestUnbond(id, amount);

        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.stake + e.unbonding, stake, "nothing created or lost");
        assertEq(e.unbonding, amount, "unbonding");
        assertEq(e.listed, stake - amount >= MIN_STAKE, "listed iff at the minimum");
    }

    function testFuzz_RevertWhen_UnbondingMoreThanStaked(uint256 stake, uint256 amount) public {
        stake = bound(stake, MIN_STAKE, 1_000 ether);
        amount = bound(amount, stake + 1, type(uint256).max);
        uint256 id = register(operator, stake);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnbondExceedsStake.selector, id, amount, stake));
        vm.prank(operator);
        registry.requestUnbond(id, amount);
    }

    function testFuzz_Withdraw_OnlyOnceUnlocked(uint256 amount, uint256 wait) public {
        amount = bound(amount, 1, 5 ether);
        wait = bound(wait, 0, 2 * UNBONDING);
        uint256 id = register(operator, 5 ether);
        vm.prank(operator);
        registry.requestUnbond(id, amount);
        uint256 unlockAt = block.timestamp + UNBONDING;
        skip(wait);

        if (block.timestamp < unlockAt) {
            vm.expectRevert(abi.encodeWithSelector(Errors.UnbondingLocked.selector, id, unlockAt, block.timestamp));
        }
        uint256 before = operator.balance;
        vm.prank(operator);
        registry.withdraw(id);
        if (block.timestamp >= unlockAt) assertEq(operator.balance, before + amount, "paid out");
    }

    function testFuzz_ArbiterSlash_TakesItsShareFromStakeThenUnbonding(uint256 stake, uint256 unbond, uint256 bps)
        public
    {
        stake = bound(stake, MIN_STAKE, 10_000 ether);
        vm.deal(operator, stake);
        unbond = bound(unbond, 0, stake);
        bps = bound(bps, 1, MAX_ARBITER_BPS);
        uint256 id = register(operator, stake);
        if (unbond > 0) {
            vm.prank(operator);
            registry.requestUnbond(id, unbond);
        }
        vm.prank(arbiter);
        uint256 slashed = registry.arbiterSlash(id, bps, REASON_CID);

        EngineRegistry.EngineView memory e = registry.engine(id);
        uint256 active = stake - unbond;
        uint256 fromStake = slashed < active ? slashed : active;
        assertEq(slashed, stake * bps / BPS, "a share of everything at stake");
        assertEq(e.stake, active - fromStake, "active stake first");
        assertEq(e.unbonding, unbond - (slashed - fromStake), "then unbonding");
        assertEq(registry.payoutOf(treasury), slashed, "all to the treasury");
        assertEq(address(registry).balance, e.stake + e.unbonding + slashed, "nothing created or lost");
    }

    function testFuzz_ExecuteChallenge_SplitsTheSlashBetweenChallengerAndTreasury(uint256 stake, uint256 slashBps)
        public
    {
        stake = bound(stake, MIN_STAKE, 10_000 ether);
        vm.deal(operator, stake);
        slashBps = bound(slashBps, 1, 5_000);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = uint16(slashBps);
        vm.prank(admin);
        registry.setParameters(p);
        uint256 id = register(operator, stake);
        vm.warp(openChallenge(id) + 1);
        uint256 slashed = registry.executeChallenge(id);

        assertEq(slashed, stake * slashBps / BPS, "slashBps of the stake");
        assertEq(registry.payoutOf(challenger) + registry.payoutOf(treasury), slashed + BOND, "all credited");
        assertEq(registry.payoutOf(challenger), slashed / 2 + BOND, "half and the bond to the challenger");
        assertEq(address(registry).balance, stake + BOND, "nothing left the registry yet");
    }

    function testFuzz_Challenge_AnsweredUntilTheDeadlineExecutedAfter(uint256 wait) public {
        wait = bound(wait, 0, 3 * WINDOW);
        uint256 id = register(operator, 2 ether);
        uint256 deadline = openChallenge(id);
        skip(wait);
        if (block.timestamp <= deadline) {
            vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowOpen.selector, id, deadline));
            registry.executeChallenge(id);
            vm.prank(operator);
            registry.answerChallenge(id);
            assertEq(registry.payoutOf(operator), BOND, "answered");
        } else {
            vm.expectRevert(abi.encodeWithSelector(Errors.ChallengeWindowClosed.selector, id, deadline));
            vm.prank(operator);
            registry.answerChallenge(id);
            registry.executeChallenge(id);
            assertEq(registry.payoutOf(treasury), 0.1 ether, "executed");
        }
    }

    function testFuzz_SetParameters_AcceptsExactlyTheBounds(uint256 window, uint256 unbonding, uint256 slashBps)
        public
    {
        window = bound(window, 0, 8 days);
        unbonding = bound(unbonding, 0, 400 days);
        slashBps = bound(slashBps, 0, 6_000);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.challengeWindow = uint64(window);
        p.unbondingPeriod = uint64(unbonding);
        p.slashBps = uint16(slashBps);

        if (window < 5 minutes || window > 7 days) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    Errors.ParameterOutOfBounds.selector, bytes32("challengeWindow"), window, 5 minutes, 7 days
                )
            );
        } else if (unbonding < window || unbonding > 365 days) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    Errors.ParameterOutOfBounds.selector, bytes32("unbondingPeriod"), unbonding, window, 365 days
                )
            );
        } else if (slashBps == 0 || slashBps > 5_000) {
            vm.expectRevert(
                abi.encodeWithSelector(Errors.ParameterOutOfBounds.selector, bytes32("slashBps"), slashBps, 1, 5_000)
            );
        }
        vm.prank(admin);
        registry.setParameters(p);
    }
}
