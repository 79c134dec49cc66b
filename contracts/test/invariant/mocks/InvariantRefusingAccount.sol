// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A contract account that refuses ether: as a pico its refund on close fails and its credited refunds
/// stay credited, as a payout address its claims fail, as an operator its withdrawals fail, as a challenger its
/// credits stay credited. It pays in like any account (the handlers prank it), and it cannot sign (no ERC-1271), so
/// no sponsor can act for it.
contract InvariantRefusingAccount {
    error RefusesEther();

    receive() external payable {
        revert RefusesEther();
    }
}
