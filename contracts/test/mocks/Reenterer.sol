// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice An account that acts through `act` and, when paid, calls back into `target` with `reentry`:
/// a malicious operator, payer or challenger. A failed re-entry makes its receive() revert.
contract Reenterer {
    address public target;
    bytes public reentry;
    bool public reentered;

    function arm(address target_, bytes calldata reentry_) external {
        target = target_;
        reentry = reentry_;
    }

    function act(address to, bytes calldata data, uint256 value) external returns (bytes memory) {
        (bool ok, bytes memory result) = to.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        if (target == address(0)) return;
        reentered = true;
        (bool ok, bytes memory result) = target.call(reentry);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
    }
}

/// @notice An account that refuses every payment.
contract RevertingReceiver {
    function act(address to, bytes calldata data, uint256 value) external {
        (bool ok,) = to.call{value: value}(data);
        require(ok, "call failed");
    }

    receive() external payable {
        revert("no thanks");
    }
}
