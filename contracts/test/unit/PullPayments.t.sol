// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";
import {RevertingReceiver} from "../mocks/RevertingReceiver.sol";

/// @notice A receiver that refuses every payment blocks only its own withdrawals: slashes, answers and other
/// parties' claims and refunds go through, because what the registry owes is credited and pulled, and the
/// escrow pays each party in a call of its own.
contract PullPaymentsTest is Base {
    RevertingReceiver internal griefer;
    uint256 internal engineId;

    function setUp() public override {
        super.setUp();
        griefer = new RevertingReceiver();
        vm.label(address(griefer), "griefer");
        vm.deal(address(griefer), 100 ether);
        engineId = register(operator, 2 ether);
    }

    function _grieferChallenges() internal returns (uint256) {
        bytes memory ret = griefer.act(address(registry), abi.encodeCall(registry.openChallenge, (engineId)), BOND);
        return abi.decode(ret, (uint256));
    }

    function _grieferRegisters() internal returns (uint256) {
        bytes memory ret = griefer.act(address(registry), abi.encodeCall(registry.register, (sampleAdvert())), 1 ether);
        return abi.decode(ret, (uint256));
    }

    function test_ARevertingChallengerCannotBlockTheSlash() public {
        uint256 challengeId = _grieferChallenges();
        skip(WINDOW + 1);
        uint256 slashed = registry.executeChallenge(challengeId);

        assertEq(slashed, 0.2 ether, "slashed anyway");
        assertEq(registry.engine(engineId).stake, 1.8 ether, "stake after");
        assertEq(registry.creditOf(address(griefer)), 0.1 ether + BOND, "its share waits for it");
        assertEq(registry.creditOf(treasury), 0.1 ether, "the treasury's share is unaffected");
    }

    function test_ARevertingPayoutAddressCannotBlockAnAnswer() public {
        vm.prank(operator);
        registry.setPayout(engineId, address(griefer));
        uint256 challengeId = openChallenge(engineId);
        vm.prank(operator);
        registry.answerChallenge(challengeId);
        assertEq(registry.creditOf(address(griefer)), BOND, "the bond is credited, not sent");
        assertEq(registry.engine(engineId).openChallenges, 0, "answered");
    }

    function test_ARevertingOperatorCanStillAnswer() public {
        uint256 own = _grieferRegisters();
        vm.prank(challenger);
        uint256 challengeId = registry.openChallenge{value: BOND}(own);
        griefer.act(address(registry), abi.encodeCall(registry.answerChallenge, (challengeId)), 0);
        assertEq(registry.creditOf(address(griefer)), BOND, "the bond is credited, not sent");
    }

    function test_ARevertingTreasuryCannotBlockAnArbiter() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.treasury = address(griefer);
        vm.prank(admin);
        registry.scheduleParameters(p);
        skip(registry.PARAMETER_DELAY());
        registry.applyParameters();
        vm.prank(arbiter);
        registry.arbiterSlash(engineId, keccak256("case #1"), 1_000, REASON_CID);
        assertEq(registry.creditOf(address(griefer)), 0.2 ether, "credited to the treasury");
    }

    function test_RevertWhen_ARevertingReceiverWithdrawsItsCredit() public {
        uint256 challengeId = _grieferChallenges();
        skip(WINDOW + 1);
        registry.executeChallenge(challengeId);
        uint256 owed = registry.creditOf(address(griefer));

        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(griefer), owed));
        griefer.act(address(registry), abi.encodeCall(registry.withdrawCredit, ()), 0);
        assertEq(registry.creditOf(address(griefer)), owed, "still owed");
    }

    function test_ARevertingOperatorCannotStopThePicoFromClosing() public {
        uint256 own = _grieferRegisters();
        uint256 leaseId = openLease(own, DEPOSIT);
        skip(2 hours);
        uint256 before = pico.balance;
        vm.prank(pico);
        escrow.close();
        assertEq(pico.balance, before + DEPOSIT - 2 * PRICE, "refunded");
        assertEq(escrow.lease(leaseId).claimable, 2 * PRICE, "the engine's part waits in the escrow");
    }

    function test_ARevertingPayoutAddressBlocksOnlyItsOwnClaim() public {
        vm.prank(operator);
        registry.setPayout(engineId, address(griefer));
        uint256 leaseId = openLease(engineId, DEPOSIT);
        skip(2 hours);
        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(griefer), 2 * PRICE));
        claim(operator, engineId, ids(leaseId));

        vm.prank(operator);
        registry.setPayout(engineId, payout); // the cold key points earnings somewhere that accepts them
        assertEq(claim(operator, engineId, ids(leaseId)), 2 * PRICE, "claimed");
    }

    function test_ARevertingPicoCannotStopTheEngineFromClaiming() public {
        bytes memory open = abi.encodeCall(escrow.openLease, (engineId, ANY_PRICE));
        uint256 leaseId = abi.decode(griefer.act(address(escrow), open, DEPOSIT), (uint256));
        skip(2 hours);
        assertEq(claim(operator, engineId, ids(leaseId)), 2 * PRICE, "claimed");

        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(griefer), DEPOSIT - 2 * PRICE));
        griefer.act(address(escrow), abi.encodeCall(escrow.close, ()), 0);

        uint256 elsewhere = register(otherOperator, MIN_STAKE);
        griefer.act(address(escrow), abi.encodeCall(escrow.moveLease, (elsewhere, ANY_PRICE)), 0);
        acceptMove(otherOperator, leaseId);
        assertFalse(escrow.lease(leaseId).active, "it can still move its lease without receiving value");
        assertEq(escrow.currentLease(address(griefer)).engineId, elsewhere, "it lives elsewhere now");
    }
}
