// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice An engine's three keys: setAgent (the hot key), setPayout (where earnings go), transferOperator and
/// acceptOperator (the cold key, handed over in two steps, which resets the other two), and authorizeClaim and
/// authorizeMove, which the escrow asks.
contract KeysTest is Base {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = register(operator, 2 ether);
    }

    /*//////////////////////////////////////////////////////////////
                                 AGENT
    //////////////////////////////////////////////////////////////*/

    function test_SetAgent_NamesTheHotKey() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.AgentChanged(id, agent);
        vm.prank(operator);
        registry.setAgent(id, agent);
        assertEq(registry.engine(id).agent, agent, "agent");
        (address to, uint256 epoch) = registry.authorizeClaim(id, agent);
        assertEq(to, operator, "the escrow pays the payout address, here still the operator");
        assertEq(epoch, 0, "claims are of the running epoch");
        (, bool listed) = registry.authorizeMove(id, agent);
        assertTrue(listed, "moves to it may be accepted: listed");
    }

    function test_SetAgent_TheOperatorKeepsEveryAgentPower() public {
        vm.prank(operator);
        registry.setAgent(id, agent);
        uint256 challengeId = openChallenge(id);
        vm.prank(operator);
        registry.answerChallenge(challengeId);
        vm.prank(operator);
        registry.updateAdvert(id, advertWith(2 * PRICE, CAPACITY));
        assertEq(registry.engine(id).pricePerHour, 2 * PRICE, "the cold key may act as the hot one");
    }

    function test_SetAgent_RotatesTheHotKey() public {
        vm.prank(operator);
        registry.setAgent(id, agent);
        vm.prank(operator);
        registry.setAgent(id, stranger);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        vm.prank(agent);
        registry.updateAdvert(id, sampleAdvert());
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        registry.authorizeClaim(id, agent);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        registry.authorizeMove(id, agent);
        vm.prank(stranger);
        registry.updateAdvert(id, sampleAdvert());
    }

    function test_SetAgent_ZeroMakesTheOperatorItsOwnAgentAgain() public {
        vm.prank(operator);
        registry.setAgent(id, agent);
        vm.prank(operator);
        registry.setAgent(id, address(0));
        assertEq(registry.engine(id).agent, operator, "reads as the operator");
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        registry.authorizeClaim(id, agent);
    }

    /// @dev An unset agent is stored as zero: the zero address must not pass for it.
    function test_RevertWhen_TheZeroAddressPassesForAnUnsetAgent() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, address(0)));
        registry.authorizeClaim(id, address(0));
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, address(0)));
        registry.authorizeMove(id, address(0));
    }

    function test_RevertWhen_TheAgentNamesAnotherAgent() public {
        vm.prank(operator);
        registry.setAgent(id, agent);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, agent, operator));
        vm.prank(agent);
        registry.setAgent(id, stranger);
    }

    function test_RevertWhen_AStrangerIsAuthorizedAsAgent() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, stranger));
        registry.authorizeClaim(id, stranger);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, stranger));
        registry.authorizeMove(id, stranger);
    }

    /*//////////////////////////////////////////////////////////////
                                 PAYOUT
    //////////////////////////////////////////////////////////////*/

    function test_SetPayout_RedirectsAnsweredBondsAndTheEscrowsPayments() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.PayoutAddressChanged(id, payout);
        vm.prank(operator);
        registry.setPayout(id, payout);
        (address to,) = registry.authorizeClaim(id, operator);
        assertEq(to, payout, "the escrow pays here");

        uint256 challengeId = openChallenge(id);
        vm.prank(operator);
        registry.answerChallenge(challengeId);
        assertEq(registry.creditOf(payout), BOND, "the bond is credited here");
    }

    function test_SetPayout_ZeroPaysTheOperatorAgain() public {
        vm.prank(operator);
        registry.setPayout(id, payout);
        vm.prank(operator);
        registry.setPayout(id, address(0));
        assertEq(registry.engine(id).payout, operator, "reads as the operator");
    }

    function test_RevertWhen_AStrangerSetsThePayout() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, stranger, operator));
        vm.prank(stranger);
        registry.setPayout(id, stranger);
    }

    /*//////////////////////////////////////////////////////////////
                                OPERATOR
    //////////////////////////////////////////////////////////////*/

    function test_TransferOperator_TakesEffectOnlyWhenAccepted() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.OperatorTransferStarted(id, operator, otherOperator);
        vm.prank(operator);
        registry.transferOperator(id, otherOperator);
        assertEq(registry.engine(id).pendingOperator, otherOperator, "pending");
        assertEq(registry.engine(id).operator, operator, "not yet");

        vm.expectEmit(address(registry));
        emit IEngineRegistry.OperatorTransferred(id, operator, otherOperator);
        vm.prank(otherOperator);
        registry.acceptOperator(id);

        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.operator, otherOperator, "the new operator");
        assertEq(e.pendingOperator, address(0), "nothing pending");
        assertEq(e.stake, 2 ether, "the stake comes along");
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, operator, otherOperator));
        vm.prank(operator);
        registry.requestUnbond(id, 1 ether);
        vm.prank(otherOperator);
        registry.requestUnbond(id, 1 ether);
    }

    function _sellTheEngine() internal {
        vm.startPrank(operator);
        registry.setAgent(id, agent);
        registry.setPayout(id, payout);
        registry.transferOperator(id, otherOperator);
        vm.stopPrank();
        vm.prank(otherOperator);
        registry.acceptOperator(id);
    }

    function test_AcceptOperator_ResetsTheAgentAndThePayoutToTheNewOperator() public {
        _sellTheEngine();
        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.agent, otherOperator, "the agent reads as the new operator");
        assertEq(e.payout, otherOperator, "so does the payout address");
        (address to,) = registry.authorizeClaim(id, otherOperator);
        assertEq(to, otherOperator, "the escrow pays the new operator");
    }

    /// @dev A sold engine's previous hot key must not keep answering, accepting moves or claiming for it.
    function test_RevertWhen_ThePreviousAgentActsAfterATransfer() public {
        uint256 leaseId = openLease(id, DEPOSIT);
        _sellTheEngine();
        skip(1 hours);
        uint256 challengeId = openChallenge(id);
        vm.startPrank(agent);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        registry.answerChallenge(challengeId);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        registry.updateAdvert(id, sampleAdvert());
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        escrow.claim(id, ids(leaseId));
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        registry.addStake{value: 1 ether}(id);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, agent));
        registry.authorizeMove(id, agent);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, operator));
        registry.authorizeClaim(id, operator); // nor the previous operator
    }

    function test_AcceptOperator_ClaimsAndBondsGoToTheNewOperator() public {
        uint256 leaseId = openLease(id, DEPOSIT);
        _sellTheEngine();
        skip(2 hours);
        uint256 payoutBefore = payout.balance;
        uint256 newBefore = otherOperator.balance;
        assertEq(claim(otherOperator, id, ids(leaseId)), 2 * PRICE, "the new operator claims");
        assertEq(otherOperator.balance, newBefore + 2 * PRICE, "paid to the new operator");
        assertEq(payout.balance, payoutBefore, "not to the old payout address");

        uint256 challengeId = openChallenge(id);
        vm.prank(otherOperator);
        registry.answerChallenge(challengeId);
        assertEq(registry.creditOf(otherOperator), BOND, "the answered bond is the new operator's");
        assertEq(registry.creditOf(payout), 0, "the old payout address gets nothing");
    }

    function test_RevertWhen_SomeoneOtherThanThePendingOperatorAccepts() public {
        vm.prank(operator);
        registry.transferOperator(id, otherOperator);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPendingOperator.selector, id, stranger, otherOperator));
        vm.prank(stranger);
        registry.acceptOperator(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPendingOperator.selector, id, operator, otherOperator));
        vm.prank(operator);
        registry.acceptOperator(id);
    }

    function test_RevertWhen_AcceptingWithNothingPending() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPendingOperator.selector, id, otherOperator, address(0)));
        vm.prank(otherOperator);
        registry.acceptOperator(id);
    }

    function test_RevertWhen_AcceptingTwice() public {
        vm.prank(operator);
        registry.transferOperator(id, otherOperator);
        vm.prank(otherOperator);
        registry.acceptOperator(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPendingOperator.selector, id, otherOperator, address(0)));
        vm.prank(otherOperator);
        registry.acceptOperator(id);
    }

    function test_TransferOperator_ToZeroCancels() public {
        vm.prank(operator);
        registry.transferOperator(id, otherOperator);
        vm.prank(operator);
        registry.transferOperator(id, address(0));
        vm.expectRevert(abi.encodeWithSelector(Errors.NotPendingOperator.selector, id, otherOperator, address(0)));
        vm.prank(otherOperator);
        registry.acceptOperator(id);
    }

    function test_RevertWhen_AStrangerTransfersTheOperatorRole() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, stranger, operator));
        vm.prank(stranger);
        registry.transferOperator(id, stranger);
    }

    function test_RevertWhen_AcceptingForAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 9));
        vm.prank(otherOperator);
        registry.acceptOperator(9);
    }
}
