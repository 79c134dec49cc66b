// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice The escrow's side of escaping challenges: an engine whose stake falls below the minimum by its own
/// unbonding or a slash halts, and its leases stop accruing at that moment, so it cannot keep earning from picos it
/// no longer answers for. The pico closes (the rest refunded) or moves, or anyone ends the stopped lease (the rest
/// refunded to the pico: ExpireLeaseTest); leases of a later epoch accrue normally.
contract HaltTest is EscrowBase {
    uint256 internal engineId; // operator's, PRICE, 3 slots, staked at exactly the minimum
    uint256 internal engineB; // otherOperator's, PRICE
    uint256 internal leaseId;

    function setUp() public override {
        super.setUp();
        engineId = register(operator, MIN_STAKE, advertWith(PRICE, 3));
        engineB = register(otherOperator, MIN_STAKE, advertWith(PRICE, 1));
        leaseId = openLease(engineId, DEPOSIT);
        skip(2 hours);
    }

    function test_Halt_ByUnbondingStopsAccrualAtThatMoment() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineHalted(engineId, 0, block.timestamp);
        halt(operator, engineId);
        skip(5 hours);
        assertEq(view_(leaseId).accrued, 2 * PRICE, "frozen at the halt");
        assertEq(claim(operator, engineId, ids(leaseId)), 2 * PRICE, "the hosting done is paid");
        skip(100 hours);
        assertEq(claim(operator, engineId, ids(leaseId)), 0, "and nothing after it");
    }

    function test_Halt_ByAnUnansweredChallengeStopsAccrual() public {
        uint256 challengeId = openChallenge(engineId);
        skip(WINDOW + 1);
        registry.executeChallenge(challengeId); // 10% of the minimum: below it
        skip(5 hours);
        assertEq(view_(leaseId).accrued, accrual(PRICE, 2 hours + WINDOW + 1, DEPOSIT), "frozen at the slash");
        assertTrue(registry.engine(engineId).halted, "halted");
    }

    function test_Halt_ByAnArbiterSlashStopsAccrual() public {
        vm.prank(arbiter);
        registry.arbiterSlash(engineId, keccak256("case"), MAX_ARBITER_BPS, REASON_CID);
        skip(5 hours);
        assertEq(claim(operator, engineId, ids(leaseId)), 2 * PRICE, "frozen at the slash");
    }

    function test_Halt_ThePicoClosesWithTheRestRefunded() public {
        halt(operator, engineId);
        skip(100 hours); // long past the deposit's ten hours
        uint256 before = pico.balance;
        assertEq(closeLease(), DEPOSIT - 2 * PRICE, "all but the two hours hosted");
        assertEq(pico.balance, before + DEPOSIT - 2 * PRICE, "refunded");
    }

    function test_Halt_ATopUpAfterTheHaltComesBackWhole() public {
        halt(operator, engineId);
        vm.prank(sponsor);
        escrow.topUp{value: DEPOSIT}(pico);
        skip(50 hours);
        assertEq(closeLease(), 2 * DEPOSIT - 2 * PRICE, "a halted engine earns nothing from a top-up");
    }

    function test_Halt_ThePicoMovesAwayWithTheRest() public {
        halt(operator, engineId);
        skip(3 hours);
        requestMove(engineB);
        skip(5 minutes);
        uint256 next = acceptMove(otherOperator, leaseId);
        assertEq(view_(leaseId).deposit, 2 * PRICE, "the halted source keeps only what it earned");
        assertEq(view_(next).deposit, DEPOSIT - 2 * PRICE, "the rest moves");
        assertEq(claim(operator, engineId, ids(leaseId)), 2 * PRICE, "claimable");
    }

    function test_Halt_ALeaseOpenedAfterResumeAccruesWhileTheOldStaysStopped() public {
        halt(operator, engineId);
        skip(1 hours);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineResumed(engineId, 1);
        resume(operator, engineId);
        uint256 fresh = openLeaseAs(newPico("pico2"), engineId, DEPOSIT);
        assertEq(view_(fresh).epoch, 1, "the new epoch");
        skip(3 hours);
        assertEq(view_(fresh).accrued, 3 * PRICE, "the new lease accrues");
        assertEq(view_(leaseId).accrued, 2 * PRICE, "the old one stays stopped");
        assertEq(claim(operator, engineId, ids(leaseId, fresh)), 2 * PRICE + 3 * PRICE, "both, each its own");
    }

    function test_Halt_ASecondHaltStopsOnlyItsOwnEpoch() public {
        halt(operator, engineId);
        resume(operator, engineId);
        uint256 fresh = openLeaseAs(newPico("pico2"), engineId, DEPOSIT);
        skip(1 hours);
        halt(operator, engineId);
        skip(4 hours);
        assertEq(view_(leaseId).accrued, 2 * PRICE, "the first epoch stopped at the first halt");
        assertEq(view_(fresh).accrued, PRICE, "the second at the second");
        assertEq(registry.engine(engineId).epoch, 2, "two halts, two new epochs");
    }

    function test_Halt_UnbondingDownToTheMinimumDoesNotHalt() public {
        vm.prank(operator);
        registry.addStake{value: 1 ether}(engineId);
        vm.prank(operator);
        registry.requestUnbond(engineId, 1 ether); // exactly the minimum left
        skip(1 hours);
        assertFalse(registry.engine(engineId).halted, "still listed");
        assertEq(view_(leaseId).accrued, 3 * PRICE, "still accruing");
    }

    function test_Halt_ARaisedMinimumStakeDelistsWithoutHalting() public {
        // Governance, not the engine, moved the bar: the engine takes no new lease but keeps earning from its own.
        vm.prank(pico);
        escrow.topUp{value: 1 ether}(pico);
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = uint128(2 * MIN_STAKE);
        vm.prank(admin);
        registry.scheduleParameters(p);
        skip(registry.PARAMETER_DELAY());
        registry.applyParameters();
        assertFalse(registry.engine(engineId).halted, "not halted");
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineId));
        openLeaseAs(newPico("pico2"), engineId, DEPOSIT);
        skip(1 hours);
        assertEq(view_(leaseId).accrued, accrual(PRICE, 2 hours + 2 days + 1 hours, DEPOSIT + 1 ether), "accruing");
    }

    /// @dev v2 first let a stopped lease hold its slot until its pico closed it, even after the engine resumed;
    /// now anyone ends it, and the pico is credited exactly what had not accrued at the halt.
    function test_Halt_AnyoneEndsAStoppedLeaseAndCreditsThePico() public {
        halt(operator, engineId);
        skip(1_000 hours); // long past the deposit's ten hours: a stopped lease never runs dry
        resume(operator, engineId);
        uint256 picoBefore = pico.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseClosed(
            leaseId, engineId, pico, ILeaseEscrow.EndReason.Stopped, 2 * PRICE, DEPOSIT - 2 * PRICE
        );
        vm.prank(stranger);
        assertEq(escrow.expireLease(leaseId), DEPOSIT - 2 * PRICE, "the refund: deposit - accrued at the halt");
        assertEq(escrow.refundOf(pico), DEPOSIT - 2 * PRICE, "credited to the pico, not to the caller");
        assertEq(registry.engine(engineId).activeLeases, 0, "the resumed engine's slot is free again");
        assertEq(escrow.currentLease(pico).id, 0, "the pico lives nowhere");
        assertEq(claim(operator, engineId, ids(leaseId)), 2 * PRICE, "the engine keeps the hosting it did");
        vm.prank(pico);
        assertEq(escrow.withdrawRefund(), DEPOSIT - 2 * PRICE, "the pico takes its rest");
        assertEq(pico.balance, picoBefore + DEPOSIT - 2 * PRICE, "and has it");
        assertEq(address(escrow).balance, 0, "nothing left behind");
    }

    function test_RevertWhen_MovingToAHaltedEngine() public {
        halt(otherOperator, engineB);
        vm.expectRevert(abi.encodeWithSelector(Errors.EngineNotListed.selector, engineB));
        requestMove(engineB);
    }
}
