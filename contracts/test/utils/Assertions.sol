// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {vm} from "./Vm.sol";

/// @notice Assertions that revert with what was compared and both values (forge's assertion cheatcodes), so a
/// failing test names the quantity that went wrong.
abstract contract Assertions {
    function assertEq(uint256 actual, uint256 expected, string memory what) internal pure {
        vm.assertEq(actual, expected, what);
    }

    function assertEq(address actual, address expected, string memory what) internal pure {
        vm.assertEq(actual, expected, what);
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory what) internal pure {
        vm.assertEq(actual, expected, what);
    }

    function assertEq(bool actual, bool expected, string memory what) internal pure {
        vm.assertEq(actual, expected, what);
    }

    function assertTrue(bool condition, string memory what) internal pure {
        vm.assertEq(condition, true, what);
    }

    function assertFalse(bool condition, string memory what) internal pure {
        vm.assertEq(condition, false, what);
    }

    function assertLe(uint256 left, uint256 right, string memory what) internal pure {
        vm.assertLe(left, right, what);
    }

    function assertGe(uint256 left, uint256 right, string memory what) internal pure {
        vm.assertGe(left, right, what);
    }
}
