// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice An account that acts through {act} but refuses every payment: a griefer who would block whatever
/// pays it, if payouts were pushed.
contract RevertingReceiver {
    error Refused();

    /// @notice Calls `to` as this contract, bubbling up its revert.
    function act(address to, bytes calldata data, uint256 value) external returns (bytes memory result) {
        bool ok;
        (ok, result) = to.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }

    receive() external payable {
        revert Refused();
    }
}
