// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

// Casts are of constants that fit:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice arbiterSlash and the arbiter role.
contract ArbitersTest is Base {
    uint256 internal id;
    bytes32 internal arbiterRole;

    function setUp() public override {
        super.setUp();
        id = register(operator, 2 ether);
        arbiterRole = registry.ARBITER_ROLE();
    }

    function _slash(uint256 bps) internal returns (uint256) {
        vm.prank(arbiter);
        return registry.arbiterSlash(id, bps, REASON_CID);
    }

    /*//////////////////////////////////////////////////////////////
                             ARBITER SLASH
    //////////////////////////////////////////////////////////////*/

    function test_ArbiterSlash_TakesUpToTheMaximumIntoTheTreasury() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.PayoutCredited(treasury, 0.4 ether);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineSlashed(
            id, IEngineRegistry.SlashCause.Arbiter, arbiter, 0.4 ether, 1.6 ether, REASON_CID
        );
        uint256 slashed = _slash(MAX_ARBITER_BPS);

        assertEq(slashed, 0.4 ether, "20 % of 2 ether");
        assertEq(registry.engine(id).stake, 1.6 ether, "stake after");
        assertEq(registry.payoutOf(treasury), 0.4 ether, "all of it to the treasury");
        assertEq(address(registry).balance, 2 ether, "held until the treasury withdraws");
    }

    function test_ArbiterSlash_OneBasisPoint() public {
        assertEq(_slash(1), 2 ether / BPS, "0.01 %");
    }

    function test_ArbiterSlash_ReachesStakeThatIsUnbonding() public {
        vm.prank(operator);
        registry.requestUnbond(id, 2 ether);
        uint256 slashed = _slash(1_000);
        assertEq(slashed, 0.2 ether, "10 % of everything at stake");
        assertEq(registry.engine(id).unbonding, 1.8 ether, "unbonding does not escape a slash");
    }

    function test_ArbiterSlash_CanDelistAnEngine() public {
        uint256 edge = register(otherOperator, MIN_STAKE);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineDelisted(edge);
        vm.prank(arbiter);
        registry.arbiterSlash(edge, 1, REASON_CID);
        assertFalse(registry.engine(edge).listed, "below the minimum");
    }

    function test_ArbiterSlash_OfAnEngineWithNothingAtStakeTakesNothing() public {
        vm.prank(operator);
        registry.requestUnbond(id, 2 ether);
        skip(UNBONDING);
        vm.prank(operator);
        registry.withdraw(id);
        assertEq(_slash(MAX_ARBITER_BPS), 0, "nothing left to take");
        assertEq(registry.payoutOf(treasury), 0, "nothing credited");
    }

    function test_ArbiterSlash_TheWholeStakeOnceTheAdminAllowsIt() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.maxArbiterSlashBps = uint16(BPS);
        vm.prank(admin);
        registry.setParameters(p);
        assertEq(_slash(BPS), 2 ether, "everything");
        assertEq(registry.engine(id).stake, 0, "nothing left");
    }

    function test_RevertWhen_ArbiterSlashIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidSlash.selector, 0, MAX_ARBITER_BPS));
        _slash(0);
    }

    function test_RevertWhen_ArbiterSlashExceedsTheMaximum() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidSlash.selector, MAX_ARBITER_BPS + 1, MAX_ARBITER_BPS));
        _slash(MAX_ARBITER_BPS + 1);
    }

    function test_RevertWhen_ArbiterSlashHasNoReason() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "reasonCid", 0, 1, 128));
        vm.prank(arbiter);
        registry.arbiterSlash(id, 1, "");
    }

    function test_RevertWhen_ArbiterSlashReasonIsTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "reasonCid", 129, 1, 128));
        vm.prank(arbiter);
        registry.arbiterSlash(id, 1, stringOf(129));
    }

    function test_RevertWhen_ArbiterSlashesAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 5));
        vm.prank(arbiter);
        registry.arbiterSlash(5, 1, REASON_CID);
    }

    function test_RevertWhen_ANonArbiterSlashes() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, arbiterRole)
        );
        vm.prank(stranger);
        registry.arbiterSlash(id, 1, REASON_CID);
    }

    function test_RevertWhen_TheAdminSlashesWithoutTheArbiterRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, arbiterRole)
        );
        vm.prank(admin);
        registry.arbiterSlash(id, 1, REASON_CID);
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
        registry.arbiterSlash(id, 1, REASON_CID);

        vm.prank(admin);
        registry.revokeRole(arbiterRole, stranger);
        assertFalse(registry.hasRole(arbiterRole, stranger), "revoked");
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, arbiterRole)
        );
        vm.prank(stranger);
        registry.arbiterSlash(id, 1, REASON_CID);
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
