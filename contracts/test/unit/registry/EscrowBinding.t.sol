// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice The registry deploys its own escrow in its constructor and keeps its address immutable, so that nobody
/// (not even the deployer) can point the registry at another escrow; only that escrow takes and frees slots.
contract EscrowBindingTest is Base {
    function test_Constructor_DeploysAnEscrowThatPointsBackAtTheRegistry() public view {
        assertTrue(address(escrow) != address(0), "an escrow was deployed");
        assertGe(address(escrow).code.length, 1, "with the escrow's code");
        assertEq(address(escrow.registry()), address(registry), "the escrow's registry is the registry");
    }

    function test_Constructor_EachRegistryGetsAnEscrowOfItsOwn() public {
        EngineRegistry other =
            new EngineRegistry(admin, ADMIN_DELAY, defaultParameters(), type(LeaseEscrow).creationCode);
        address otherEscrow = other.escrow();
        assertTrue(otherEscrow != address(escrow), "a fresh escrow");
        assertEq(address(LeaseEscrow(otherEscrow).registry()), address(other), "bound to its own registry");
        // The first escrow stays bound to the first registry: the other registry refuses it.
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, address(escrow)));
        vm.prank(address(escrow));
        other.releaseSlot(1);
    }

    function test_RevertWhen_TheEscrowCreationCodeDoesNotDeploy() public {
        // INVALID (0xfe) as creation code: the CREATE fails and so must the registry's deployment.
        vm.expectRevert(Errors.EscrowNotDeployed.selector);
        new EngineRegistry(admin, ADMIN_DELAY, defaultParameters(), hex"fe");
    }

    function test_RevertWhen_TheEscrowConstructorReverts() public {
        // PUSH1 0, PUSH1 0, REVERT: a constructor that refuses to deploy.
        vm.expectRevert(Errors.EscrowNotDeployed.selector);
        new EngineRegistry(admin, ADMIN_DELAY, defaultParameters(), hex"60006000fd");
    }

    /// @dev Empty creation code used to slip through: the registry appends its own address, whose 32-byte word
    /// starts with zero bytes (STOP), so the CREATE succeeds and deploys nothing, and the registry kept an escrow
    /// address without code, to which a pico's deposit would have been sent and lost. The code length is checked.
    function test_RevertWhen_TheEscrowCreationCodeIsEmpty() public {
        vm.expectRevert(Errors.EscrowNotDeployed.selector);
        new EngineRegistry(admin, ADMIN_DELAY, defaultParameters(), "");
    }

    function test_RevertWhen_TheEscrowConstructorReturnsNoCode() public {
        // PUSH1 0, PUSH1 0, RETURN: a constructor that succeeds with empty runtime code.
        vm.expectRevert(Errors.EscrowNotDeployed.selector);
        new EngineRegistry(admin, ADMIN_DELAY, defaultParameters(), hex"60006000f3");
    }

    function test_OccupySlot_TheEscrowTakesAndFreesSlots() public {
        uint256 id = register(operator, MIN_STAKE);
        uint256 leaseId = openLease(id, DEPOSIT);
        assertEq(registry.engine(id).activeLeases, 1, "the escrow took a slot");
        vm.prank(pico);
        escrow.close();
        assertEq(registry.engine(id).activeLeases, 0, "and freed it");
        assertFalse(escrow.lease(leaseId).active, "the lease ended");
    }

    function test_RevertWhen_AnyoneButTheEscrowTakesASlot() public {
        uint256 id = register(operator, MIN_STAKE);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, stranger));
        vm.prank(stranger);
        registry.occupySlot(id, ANY_PRICE);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, address(this)));
        registry.occupySlot(id, ANY_PRICE); // not even the registry's deployer
        assertEq(registry.engine(id).activeLeases, 0, "no slot taken");
    }

    function test_RevertWhen_AnyoneButTheEscrowFreesASlot() public {
        uint256 id = register(operator, MIN_STAKE);
        openLease(id, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, stranger));
        vm.prank(stranger);
        registry.releaseSlot(id);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotEscrow.selector, operator));
        vm.prank(operator); // an operator freeing a slot its pico still holds
        registry.releaseSlot(id);
        assertEq(registry.engine(id).activeLeases, 1, "the pico's slot stays taken");
    }
}
