// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {Errors} from "../../src/Errors.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";

// Every input is bounded before it is cast, and time is what several tests vary:
// forge-lint: disable-next-item(unsafe-typecast,block-timestamp)
/// @notice Registration, staking, halting and arbiter slashes over bounded random inputs.
contract EngineRegistryFuzzTest is Base {
    function testFuzz_Register_AcceptsEveryValidAdvert(
        uint256 stake,
        uint256 price,
        uint32 capacity,
        uint32 latency,
        uint256 endpointLength,
        bytes32 encryptionKey
    ) public {
        stake = bound(stake, MIN_STAKE, 10_000 ether);
        vm.deal(operator, stake);
        price = bound(price, 0, type(uint72).max);
        capacity = uint32(bound(capacity, 1, type(uint24).max));
        vm.assume(encryptionKey != bytes32(0));
        IEngineRegistry.Advert memory a = advertWith(price, capacity);
        a.latencyMs = latency;
        a.endpoint = stringOf(bound(endpointLength, 1, 256));
        a.encryptionKey = encryptionKey;

        uint256 id = register(operator, stake, a);
        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.stake, stake, "stake");
        assertEq(e.pricePerHour, price, "price");
        assertEq(e.capacity, capacity, "capacity");
        assertEq(e.advertHash, keccak256(abi.encode(a)), "hash");
        assertEq(e.advertHash, registry.hashAdvert(a), "hashAdvert");
        assertTrue(e.listed, "listed");
    }

    function testFuzz_HashAdvert_ChangesWithTheEncryptionKey(bytes32 key, bytes32 other) public view {
        vm.assume(key != other);
        IEngineRegistry.Advert memory a = sampleAdvert();
        IEngineRegistry.Advert memory b = sampleAdvert();
        a.encryptionKey = key;
        b.encryptionKey = other;
        assertTrue(registry.hashAdvert(a) != registry.hashAdvert(b), "a swapped key shows in the hash");
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

    /*//////////////////////////////////////////////////////////////
                      STAKE AND THE MINIMUM
    //////////////////////////////////////////////////////////////*/

    function testFuzz_RequestUnbond_HaltsExactlyWhenTheStakeFallsBelowTheMinimum(uint256 stake, uint256 amount) public {
        stake = bound(stake, MIN_STAKE, 1_000 ether);
        amount = bound(amount, 1, stake);
        uint256 id = register(operator, stake);
        vm.prank(operator);
        registry.requestUnbond(id, amount);

        EngineRegistry.EngineView memory e = registry.engine(id);
        bool below = stake - amount < MIN_STAKE;
        assertEq(e.stake + e.unbonding, stake, "nothing created or lost");
        assertEq(e.unbonding, amount, "unbonding");
        assertEq(e.halted, below, "halted iff below the minimum");
        assertEq(e.listed, !below, "listed iff at the minimum");
        assertEq(e.epoch, below ? 1 : 0, "a halt closes the epoch");
        assertEq(registry.accrualEnd(id, 0), block.timestamp, "now, halted or running");
    }

    function testFuzz_AddStake_ResumesExactlyWhenTheStakeReachesTheMinimum(uint256 left, uint256 added) public {
        left = bound(left, 0, MIN_STAKE - 1);
        added = bound(added, 1, 2 * MIN_STAKE);
        uint256 id = register(operator, 2 ether);
        vm.prank(operator);
        registry.requestUnbond(id, 2 ether - left); // halted
        vm.prank(operator);
        registry.addStake{value: added}(id);

        EngineRegistry.EngineView memory e = registry.engine(id);
        bool reached = left + added >= MIN_STAKE;
        assertEq(e.halted, !reached, "resumed iff the minimum is reached");
        assertEq(e.listed, reached, "listed iff resumed");
        assertEq(e.epoch, 1, "a resumption keeps the epoch the halt opened");
    }

    function testFuzz_Slash_HaltsExactlyWhenTheStakeFallsBelowTheMinimum(uint256 stake, uint256 bps) public {
        stake = bound(stake, MIN_STAKE, 2 * MIN_STAKE);
        bps = bound(bps, 1, MAX_ARBITER_BPS);
        uint256 id = register(operator, stake);
        vm.prank(arbiter);
        uint256 slashed = registry.arbiterSlash(id, bytes32(stake), bps, REASON_CID);
        bool below = stake - slashed < MIN_STAKE;
        assertEq(registry.engine(id).halted, below, "halted iff slashed below the minimum");
        assertEq(registry.engine(id).epoch, below ? 1 : 0, "epoch");
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

    /*//////////////////////////////////////////////////////////////
                             ARBITERS
    //////////////////////////////////////////////////////////////*/

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
        uint256 slashed = registry.arbiterSlash(id, keccak256("case"), bps, REASON_CID);

        EngineRegistry.EngineView memory e = registry.engine(id);
        uint256 active = stake - unbond;
        uint256 fromStake = slashed < active ? slashed : active;
        assertEq(slashed, stake * bps / BPS, "a share of everything at stake");
        assertEq(e.stake, active - fromStake, "active stake first");
        assertEq(e.unbonding, unbond - (slashed - fromStake), "then unbonding");
        assertEq(registry.creditOf(treasury), slashed, "all to the treasury");
        assertEq(address(registry).balance, e.stake + e.unbonding + slashed, "nothing created or lost");
    }

    /// @dev However many cases an arbiter brings, each slashes at most maxArbiterSlashBps, and once.
    function testFuzz_ArbiterSlash_EachCaseOnceAndCapped(
        bytes32 caseA,
        bytes32 caseB,
        bool sameCase,
        uint256 bpsA,
        uint256 bpsB
    ) public {
        vm.assume(caseA != bytes32(0)); // zero names no case: ArbitersTest
        if (sameCase) caseB = caseA;
        bpsA = bound(bpsA, 1, MAX_ARBITER_BPS);
        bpsB = bound(bpsB, 1, 2 * MAX_ARBITER_BPS);
        uint256 id = register(operator, 10 ether);
        vm.prank(arbiter);
        uint256 first = registry.arbiterSlash(id, caseA, bpsA, REASON_CID);
        assertLe(first, 10 ether * MAX_ARBITER_BPS / BPS, "capped");

        if (bpsB > MAX_ARBITER_BPS) {
            vm.expectRevert(abi.encodeWithSelector(Errors.InvalidSlash.selector, bpsB, MAX_ARBITER_BPS));
        } else if (caseB == bytes32(0)) {
            vm.expectRevert(Errors.ZeroCaseId.selector);
        } else if (caseB == caseA) {
            vm.expectRevert(abi.encodeWithSelector(Errors.CaseAlreadySlashed.selector, caseA));
        }
        vm.prank(arbiter);
        registry.arbiterSlash(id, caseB, bpsB, REASON_CID);

        bool secondSlashed = caseB != caseA && caseB != bytes32(0) && bpsB <= MAX_ARBITER_BPS;
        uint256 left = 10 ether - first;
        uint256 expected = secondSlashed ? left - left * bpsB / BPS : left;
        assertEq(registry.engine(id).stake, expected, "stake after both cases");
        assertTrue(registry.caseSlashed(caseA), "case A spent");
        assertEq(registry.caseSlashed(caseB), caseB == caseA || secondSlashed, "case B spent iff it slashed");
    }
}
