// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "./Errors.sol";

/// @title Transfers
/// @notice Sends native value with the full gas left, reverting with context when the receiver refuses it.
/// @dev Callers guard with `nonReentrant` and finish their effects before calling.
library Transfers {
    function sendValue(address to, uint256 amount) internal {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert Errors.TransferFailed(to, amount);
    }
}
