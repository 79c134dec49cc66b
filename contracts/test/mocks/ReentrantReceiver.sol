// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A malicious operator, pico or challenger: it acts through {act} and, when paid, calls back into
/// `target` with `reentry` once. In `Bubble` mode a refused re-entry makes its receive() revert (so the
/// payment fails); in `Swallow` mode it keeps the payment and records why the re-entry was refused.
contract ReentrantReceiver {
    enum Mode {
        Bubble,
        Swallow
    }

    address private _target;
    bytes private _reentry;
    Mode private _mode;
    bool private _armed;

    /// @notice The revert data of the refused re-entry (Swallow mode).
    bytes public reentryError;
    /// @notice Whether a re-entry went through: it never should.
    bool public reentered;

    /// @notice Re-enter `target` with `reentry` on the next payment received.
    function arm(address target, bytes calldata reentry, Mode mode) external {
        _target = target;
        _reentry = reentry;
        _mode = mode;
        _armed = true;
    }

    /// @notice Calls `to` as this contract, bubbling up its revert.
    function act(address to, bytes calldata data, uint256 value) external returns (bytes memory result) {
        bool ok;
        (ok, result) = to.call{value: value}(data);
        if (!ok) _bubble(result);
    }

    receive() external payable {
        if (!_armed) return;
        _armed = false;
        (bool ok, bytes memory result) = _target.call(_reentry);
        if (ok) {
            reentered = true;
            return;
        }
        if (_mode == Mode.Bubble) _bubble(result);
        reentryError = result;
    }

    function _bubble(bytes memory result) private pure {
        assembly ("memory-safe") {
            revert(add(result, 32), mload(result))
        }
    }
}
