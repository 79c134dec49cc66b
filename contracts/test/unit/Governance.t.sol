// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Errors} from "../../src/Errors.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";

/// @notice Arbiters, trust lists and parameters.
contract GovernanceTest is Base {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = _register(operator, 2 ether);
    }

    function test_ArbiterSlashesIntoTheTreasury() public {
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.EngineSlashed(id, IEngineRegistry.SlashCause.Arbiter, arbiter, 0.4 ether, 1.6 ether, "bafkreicase");
        vm.prank(arbiter);
        registry.arbiterSlash(id, MAX_ARBITER_BPS, "bafkreicase");
        vm.assertEq(registry.payoutOf(treasury), 0.4 ether, "treasury");
    }

    function test_RevertWhen_ArbiterSlashIsOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidSlash.selector, MAX_ARBITER_BPS + 1, MAX_ARBITER_BPS));
        vm.prank(arbiter);
        registry.arbiterSlash(id, MAX_ARBITER_BPS + 1, "bafkreicase");
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidSlash.selector, 0, MAX_ARBITER_BPS));
        vm.prank(arbiter);
        registry.arbiterSlash(id, 0, "bafkreicase");
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "reasonCid", 0, 1, 128));
        vm.prank(arbiter);
        registry.arbiterSlash(id, 1, "");
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 5));
        vm.prank(arbiter);
        registry.arbiterSlash(5, 1, "bafkreicase");
    }

    function test_RevertWhen_StrangerSlashes() public {
        bytes32 role = registry.ARBITER_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role));
        vm.prank(stranger);
        registry.arbiterSlash(id, 1, "bafkreicase");
    }

    function test_TrustListsAreCuratedByTheirCreator() public {
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.TrustListCreated(1, payer, "audited");
        vm.prank(payer);
        uint256 list = registry.createTrustList("audited");
        vm.prank(payer);
        registry.setTrusted(list, id, true);
        vm.assertTrue(registry.isTrusted(list, id), "trusted");
        vm.assertEq(registry.curatorOf(list), payer, "curator");
        vm.prank(payer);
        registry.setTrusted(list, id, false);
        vm.assertFalse(registry.isTrusted(list, id), "removed");
    }

    function test_RevertWhen_TrustListIsMisused() public {
        vm.prank(payer);
        uint256 list = registry.createTrustList("audited");
        vm.expectRevert(abi.encodeWithSelector(Errors.NotCurator.selector, list, stranger, payer));
        vm.prank(stranger);
        registry.setTrusted(list, id, true);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownTrustList.selector, 9));
        vm.prank(payer);
        registry.setTrusted(9, id, true);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 77));
        vm.prank(payer);
        registry.setTrusted(list, 77, true);
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "name", 0, 1, 64));
        registry.createTrustList("");
    }

    function test_AdminChangesParametersWithinBounds() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.minStake = 3 ether;
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.ParameterChanged("minStake", MIN_STAKE, 3 ether);
        vm.prank(admin);
        registry.setParameters(p);
        vm.assertEq(registry.parameters().minStake, 3 ether, "changed");
        vm.assertFalse(registry.engine(id).listed, "an engine under the new minimum is no longer listed");
    }

    function test_RevertWhen_ParametersAreOutOfBounds() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.slashBps = 5_001;
        _expectOutOfBounds(p, "slashBps", 5_001, 1, 5_000);
        p = defaultParameters();
        p.challengeWindow = 1 minutes;
        _expectOutOfBounds(p, "challengeWindow", 1 minutes, 5 minutes, 7 days);
        p = defaultParameters();
        p.unbondingPeriod = 30 minutes;
        _expectOutOfBounds(p, "unbondingPeriod", 30 minutes, WINDOW, 365 days);
        p = defaultParameters();
        p.minStake = 0;
        _expectOutOfBounds(p, "minStake", 0, 1, type(uint128).max);
        p = defaultParameters();
        p.treasury = address(0);
        _expectOutOfBounds(p, "treasury", 0, 1, type(uint160).max);
    }

    function test_RevertWhen_StrangerChangesParameters() public {
        IEngineRegistry.Parameters memory p = defaultParameters();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, bytes32(0)));
        vm.prank(stranger);
        registry.setParameters(p);
    }

    function _expectOutOfBounds(IEngineRegistry.Parameters memory p, bytes32 name, uint256 value, uint256 min, uint256 max)
        private
    {
        vm.expectRevert(abi.encodeWithSelector(Errors.ParameterOutOfBounds.selector, name, value, min, max));
        vm.prank(admin);
        registry.setParameters(p);
    }
}
