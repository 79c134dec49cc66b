// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";
import {RevertingReceiver} from "../mocks/RevertingReceiver.sol";

/// @notice A receiver that refuses every payment blocks only its own withdrawals: slashes, answers and other
/// parties' claims and refunds go through, because what it is owed is credited and pulled.
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

    function test_ARevertingChallengerCannotBlockTheSlash() public {
        griefer.act(address(registry), abi.encodeCall(registry.openChallenge, (engineId)), BOND);
        skip(WINDOW + 1);
        uint256 slashed = registry.executeChallenge(engineId);

        assertEq(slashed, 0.2 ether, "slashed anyway");
        assertEq(registry.engine(engineId).stake, 1.8 ether, "stake after");
        assertEq(registry.payoutOf(address(griefer)), 0.1 ether + BOND, "its share waits for it");
        assertEq(registry.payoutOf(treasury), 0.1 ether, "the treasury's share is unaffected");
    }

    function test_ARevertingOperatorCanStillAnswer() public {
        bytes memory ret = griefer.act(address(registry), abi.encodeCall(registry.register, (sampleAdvert())), 1 ether);
        uint256 own = abi.decode(ret, (uint256));
        vm.prank(challenger);
        registry.openChallenge{value: BOND}(own);
        griefer.act(address(registry), abi.encodeCall(registry.answerChallenge, (own)), 0);
        assertEq(registry.payoutOf(address(griefer)), BOND, "the bond is credited, not sent");
    }

    function test_ARevertingTreasuryCannotBlockAnArbiter() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.treasury = address(griefer);
        vm.prank(admin);
        registry.setParameters(p);
        vm.prank(arbiter);
        registry.arbiterSlash(engineId, 1_000, REASON_CID);
        assertEq(registry.payoutOf(address(griefer)), 0.2 ether, "credited to the treasury");
    }

    function test_RevertWhen_ARevertingReceiverWithdrawsItsPayout() public {
        griefer.act(address(registry), abi.encodeCall(registry.openChallenge, (engineId)), BOND);
        skip(WINDOW + 1);
        registry.executeChallenge(engineId);
        uint256 owed = registry.payoutOf(address(griefer));

        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(griefer), owed));
        griefer.act(address(registry), abi.encodeCall(registry.withdrawPayout, ()), 0);
        assertEq(registry.payoutOf(address(griefer)), owed, "still owed");
    }

    function test_ARevertingOperatorCannotStopThePayerFromClosing() public {
        bytes memory ret = griefer.act(address(registry), abi.encodeCall(registry.register, (sampleAdvert())), 1 ether);
        uint256 own = abi.decode(ret, (uint256));
        uint256 leaseId = openLease(own, DEPOSIT);
        skip(2 hours);
        uint256 before = payer.balance;
        vm.prank(payer);
        escrow.close(leaseId);
        assertEq(payer.balance, before + DEPOSIT - 2 * PRICE, "refunded");
        assertEq(escrow.lease(leaseId).claimable, 2 * PRICE, "the operator's part waits in the escrow");
    }

    function test_ARevertingPayerCannotStopTheOperatorFromClaiming() public {
        bytes memory open = abi.encodeCall(escrow.openLease, (engineId, PICO_DID));
        bytes memory ret = griefer.act(address(escrow), open, DEPOSIT);
        uint256 leaseId = abi.decode(ret, (uint256));
        skip(2 hours);
        assertEq(claim(operator, ids(leaseId)), 2 * PRICE, "claimed");
        vm.expectRevert(abi.encodeWithSelector(Errors.TransferFailed.selector, address(griefer), DEPOSIT - 2 * PRICE));
        griefer.act(address(escrow), abi.encodeCall(escrow.close, (leaseId)), 0);
        uint256 elsewhere = register(otherOperator, MIN_STAKE);
        griefer.act(address(escrow), abi.encodeCall(escrow.moveLease, (leaseId, elsewhere)), 0);
        assertEq(escrow.lease(leaseId).active, false, "it can still move its lease without receiving value");
    }
}
