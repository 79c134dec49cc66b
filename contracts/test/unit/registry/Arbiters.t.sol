// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

// Casts are of constants that fit:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice arbiterSlash (branches: arbiterSlash.tree), caseSlashed and the arbiter role.
contract ArbitersTest is Base {
    bytes32 internal constant CASE = keccak256("case #1");

    uint256 internal id;
    bytes32 internal arbiterRole;

    function setUp() public override {
        super.setUp();
        id = register(operator, 2 ether);
        arbiterRole = registry.ARBITER_ROLE();
    }

    function _slash(bytes32 caseId, uint256 bps) internal returns (uint256) {
        vm.prank(arbiter);
        return registry.arbiterSlash(id, caseId, bps, REASON_CID);
    }

    /*//////////////////////////////////////////////////////////////
                             ARBITER SLASH
    //////////////////////////////////////////////////////////////*/

    function test_ArbiterSlash_TakesUpToTheMaximumIntoTheTreasury() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.Credited(treasury, 0.4 ether);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineSlashed(
            id, IEngineRegistry.SlashCause.Arbiter, arbiter, 0.4 ether, 1.6 ether, 0, CASE, REASON_CID
        );
        uint256 slashed = _slash(CASE, MAX_ARBITER_BPS);

        assertEq(slashed, 0.4 ether, "20 % of 2 ether");
        assertEq(registry.engine(id).stake, 1.6 ether, "stake after");
        assertEq(registry.creditOf(treasury), 0.4 ether, "all of it to the treasury");
        assertTrue(registry.caseSlashed(CASE), "the case is spent");
        assertEq(address(registry).balance, 2 ether, "held until the treasury withdraws");
    }

    function test_ArbiterSlash_OneBasisPoint() public {
        assertEq(_slash(CASE, 1), 2 ether / BPS, "0.01 %");
    }

    /// @dev The event carries what is left at stake and unbonding, so an indexer needs no call to follow it.
    function test_ArbiterSlash_ReachesStakeThatIsUnbonding() public {
        vm.prank(operator);
        registry.requestUnbond(id, 2 ether);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineSlashed(
            id, IEngineRegistry.SlashCause.Arbiter, arbiter, 0.2 ether, 0, 1.8 ether, CASE, REASON_CID
        );
        uint256 slashed = _slash(CASE, 1_000);
        assertEq(slashed, 0.2 ether, "10 % of everything at stake");
        assertEq(registry.engine(id).unbonding, 1.8 ether, "unbonding does not escape a slash");
    }

    function test_ArbiterSlash_CanHaltAnEngine() public {
        uint256 edge = register(otherOperator, MIN_STAKE);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineHalted(edge, 0, block.timestamp);
        vm.prank(arbiter);
        registry.arbiterSlash(edge, CASE, 1, REASON_CID);
        assertTrue(registry.engine(edge).halted, "halted below the minimum");
        assertFalse(registry.engine(edge).listed, "unlisted");
    }

    function test_ArbiterSlash_OfAnEngineWithNothingAtStakeTakesNothing() public {
        vm.prank(operator);
        registry.requestUnbond(id, 2 ether);
        skip(UNBONDING);
        vm.prank(operator);
        registry.withdraw(id);
        assertEq(_slash(CASE, MAX_ARBITER_BPS), 0, "nothing left to take");
        assertEq(registry.creditOf(treasury), 0, "nothing credited");
    }

    function test_ArbiterSlash_UpToThirtyPercentOnceGovernanceAllowsIt() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.maxArbiterSlashBps = 3_000;
        vm.prank(admin);
        registry.scheduleParameters(p);
        skip(registry.PARAMETER_DELAY());
        registry.applyParameters();
        assertEq(_slash(CASE, 3_000), 0.6 ether, "the hard cap");
    }

    /// @dev v1 let an arbiter slash the same finding again and again until nothing was left.
    function test_RevertWhen_AnArbiterSlashesTheSameCaseTwice() public {
        _slash(CASE, MAX_ARBITER_BPS);
        vm.expectRevert(abi.encodeWithSelector(Errors.CaseAlreadySlashed.selector, CASE));
        _slash(CASE, 1);
        assertEq(registry.engine(id).stake, 1.6 ether, "one slash per case");
    }

    function test_RevertWhen_ASpentCaseIsUsedOnAnotherEngine() public {
        uint256 other = register(otherOperator, MIN_STAKE);
        _slash(CASE, 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.CaseAlreadySlashed.selector, CASE));
        vm.prank(arbiter);
        registry.arbiterSlash(other, CASE, 1, REASON_CID);
    }

    /// @dev Unanswered challenges' slashes carry case zero: an arbiter's slash must name a case of its own, or an
    /// indexer could not tell the two apart.
    function test_RevertWhen_TheCaseIdIsZero() public {
        vm.expectRevert(Errors.ZeroCaseId.selector);
        _slash(bytes32(0), 1);
        assertEq(registry.engine(id).stake, 2 ether, "nothing taken");
        assertEq(registry.creditOf(treasury), 0, "nothing credited");
        assertFalse(registry.caseSlashed(bytes32(0)), "case zero is never spent");
    }

    function test_ArbiterSlash_EachCaseSlashesOnce() public {
        _slash(CASE, 1_000);
        _slash(keccak256("case #2"), 1_000);
        assertEq(registry.engine(id).stake, 1.62 ether, "two cases, two slashes");
        assertFalse(registry.caseSlashed(keccak256("case #3")), "an unheard case");
    }

    function test_RevertWhen_ArbiterSlashIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidSlash.selector, 0, MAX_ARBITER_BPS));
        _slash(CASE, 0);
    }

    function test_RevertWhen_ArbiterSlashExceedsTheMaximum() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidSlash.selector, MAX_ARBITER_BPS + 1, MAX_ARBITER_BPS));
        _slash(CASE, MAX_ARBITER_BPS + 1);
        assertFalse(registry.caseSlashed(CASE), "a refused slash does not spend the case");
    }

    function test_RevertWhen_ArbiterSlashHasNoReason() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "reasonCid", 0, 1, 128));
        vm.prank(arbiter);
        registry.arbiterSlash(id, CASE, 1, "");
    }

    function test_RevertWhen_ArbiterSlashReasonIsTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "reasonCid", 129, 1, 128));
        vm.prank(arbiter);
        registry.arbiterSlash(id, CASE, 1, stringOf(129));
    }

    function test_RevertWhen_ArbiterSlashesAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 5));
        vm.prank(arbiter);
        registry.arbiterSlash(5, CASE, 1, REASON_CID);
    }

    function test_RevertWhen_ANonArbiterSlashes() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, arbiterRole)
        );
        vm.prank(stranger);
        registry.arbiterSlash(id, CASE, 1, REASON_CID);
    }

    function test_RevertWhen_TheAdminSlashesWithoutTheArbiterRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, arbiterRole)
        );
        vm.prank(admin);
        registry.arbiterSlash(id, CASE, 1, REASON_CID);
    }

    /*//////////////////////////////////////////////////////////////
                              ARBITER ROLE
    //////////////////////////////////////////////////////////////*/

    function test_TheAdminGrantsAndRevokesTheArbiterRole() public {
        vm.expectEmit(address(registry));
        emit IAccessControl.RoleGranted(arbiterRole, stranger, admin);
        vm.prank(admin);
        registry.grantRole(arbiterRole, stranger);
        assertTrue(registry.hasRole(arbiterRole, stranger), "granted");
        vm.prank(stranger);
        registry.arbiterSlash(id, CASE, 1, REASON_CID);

        vm.prank(admin);
        registry.revokeRole(arbiterRole, stranger);
        assertFalse(registry.hasRole(arbiterRole, stranger), "revoked");
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, arbiterRole)
        );
        vm.prank(stranger);
        registry.arbiterSlash(id, keccak256("case #2"), 1, REASON_CID);
    }

    function test_AnArbiterMayRenounceTheRole() public {
        vm.prank(arbiter);
        registry.renounceRole(arbiterRole, arbiter);
        assertFalse(registry.hasRole(arbiterRole, arbiter), "renounced");
        assertEq(registry.getRoleAdmin(arbiterRole), bytes32(0), "the admin role administers arbiters");
        assertTrue(registry.supportsInterface(type(IAccessControl).interfaceId), "IAccessControl");
    }

    function test_RevertWhen_ANonAdminGrantsTheArbiterRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, arbiter, bytes32(0))
        );
        vm.prank(arbiter);
        registry.grantRole(arbiterRole, stranger);
    }
}
