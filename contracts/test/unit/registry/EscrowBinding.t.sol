// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice bindEscrow, and the slot functions only the bound escrow may call: the registry is deployed first,
/// its escrow second, and the deployer binds them once.
contract EscrowBindingTest is Base {
    function test_BindEscrow_BindsOnceToTheEscrowTheTestsUse() public view {
        assertEq(registry.escrow(), address(escrow), "bound in setUp");
    }

    function test_RevertWhen_BindingTheEscrowTwice() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.EscrowAlreadyBound.selector, address(escrow)));
        registry.bindEscrow(stranger);
    }

    function test_RevertWhen_AStrangerBindsTheEscrow() public {
        EngineRegistry fresh = new EngineRegistry(admin, ADMIN_DELAY, defaultParameters());
        vm.expectRevert(abi.encodeWithSelector(Errors.EscrowAlreadyBound.selector, address(0)));
        vm.prank(stranger);
        fresh.bindEscrow(stranger);
    }

    function test_RevertWhen_BindingTheZeroAddress() public {
        EngineRegistry fresh = new EngineRegistry(admin, ADMIN_DELAY, defaultParameters());
        vm.expectRevert(abi.encodeWithSelector(Errors.ZeroAddress.selector, "escrow"));
        fresh.bindEscrow(address(0));
    }

    function test_RevertWhen_AnyoneButTheEscrowTakesASlot() public {
        uint256 id = register(operator, MIN_STAKE);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, stranger));
        vm.prank(stranger);
        registry.occupySlot(id, ANY_PRICE);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, stranger));
        vm.prank(stranger);
        registry.releaseSlot(id);
    }
}
