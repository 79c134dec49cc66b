// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice createTrustList, setTrusted, isTrusted and curatorOf.
contract TrustListsTest is Base {
    uint256 internal id;
    address internal curator;

    function setUp() public override {
        super.setUp();
        id = register(operator, MIN_STAKE);
        curator = actor("curator");
    }

    function _create(address who, string memory name) internal returns (uint256) {
        vm.prank(who);
        return registry.createTrustList(name);
    }

    function test_CreateTrustList_MakesTheCallerItsCurator() public {
        vm.expectEmit(address(registry));
        emit IEngineRegistry.TrustListCreated(1, curator, "audited by acme");
        uint256 list = _create(curator, "audited by acme");
        assertEq(list, 1, "ids count from 1");
        assertEq(registry.curatorOf(list), curator, "curator");
        assertEq(_create(stranger, stringOf(64)), 2, "the next list, with the longest name");
        assertEq(registry.curatorOf(3), address(0), "no such list yet");
    }

    function test_RevertWhen_TrustListNameIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "name", 0, 1, 64));
        _create(curator, "");
    }

    function test_RevertWhen_TrustListNameIsTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "name", 65, 1, 64));
        _create(curator, stringOf(65));
    }

    function test_SetTrusted_AddsAndRemovesAnEngine() public {
        uint256 list = _create(curator, "mine");
        assertFalse(registry.isTrusted(list, id), "not on a new list");

        vm.expectEmit(address(registry));
        emit IEngineRegistry.TrustListChanged(list, id, true);
        vm.prank(curator);
        registry.setTrusted(list, id, true);
        assertTrue(registry.isTrusted(list, id), "trusted");

        vm.expectEmit(address(registry));
        emit IEngineRegistry.TrustListChanged(list, id, false);
        vm.prank(curator);
        registry.setTrusted(list, id, false);
        assertFalse(registry.isTrusted(list, id), "removed");
    }

    function test_SetTrusted_ListsAreIndependent() public {
        uint256 mine = _create(curator, "mine");
        uint256 theirs = _create(stranger, "theirs");
        vm.prank(curator);
        registry.setTrusted(mine, id, true);
        assertTrue(registry.isTrusted(mine, id), "on mine");
        assertFalse(registry.isTrusted(theirs, id), "not on theirs");
    }

    function test_SetTrusted_AHaltedEngineMayStayTrusted() public {
        uint256 list = _create(curator, "mine");
        vm.prank(curator);
        registry.setTrusted(list, id, true);
        vm.prank(operator);
        registry.requestUnbond(id, MIN_STAKE);
        assertTrue(registry.engine(id).halted, "halted");
        assertTrue(registry.isTrusted(list, id), "trust is the curator's call, not the stake's");
    }

    function test_RevertWhen_NotTheCuratorSetsTrust() public {
        uint256 list = _create(curator, "mine");
        vm.expectRevert(abi.encodeWithSelector(Errors.NotCurator.selector, list, stranger, curator));
        vm.prank(stranger);
        registry.setTrusted(list, id, true);
    }

    function test_RevertWhen_TheTrustListIsUnknown() public {
        _create(curator, "mine");
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownTrustList.selector, 2));
        vm.prank(curator);
        registry.setTrusted(2, id, true);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownTrustList.selector, 0));
        vm.prank(curator);
        registry.setTrusted(0, id, true);
    }

    function test_RevertWhen_TrustingAnUnknownEngine() public {
        uint256 list = _create(curator, "mine");
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 77));
        vm.prank(curator);
        registry.setTrusted(list, 77, true);
    }
}
