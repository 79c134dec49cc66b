// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice What the escrow's unit tests share: more picos than Base's one (a pico holds a single lease, so filling
/// an engine takes several), and the moves and halts most files need.
abstract contract EscrowBase is Base {
    /// @dev Another pico, a funded account of its own.
    function newPico(string memory name) internal returns (address) {
        return actor(name);
    }

    function openLeaseAs(address who, uint256 engineId, uint256 deposit) internal returns (uint256) {
        vm.prank(who);
        return escrow.openLease{value: deposit}(engineId, ANY_PRICE);
    }

    /// @dev The pico closes its lease and gets the refund.
    function closeLease() internal returns (uint256) {
        vm.prank(pico);
        return escrow.close();
    }

    function view_(uint256 leaseId) internal view returns (LeaseEscrow.LeaseView memory) {
        return escrow.lease(leaseId);
    }

    /// @dev The operator unbonds one wei of an engine staked at exactly the minimum: it halts now.
    function halt(address engineOperator, uint256 engineId) internal {
        vm.prank(engineOperator);
        registry.requestUnbond(engineId, 1);
    }

    /// @dev The operator stakes the wei back: the engine resumes in a new epoch.
    function resume(address engineOperator, uint256 engineId) internal {
        vm.prank(engineOperator);
        registry.addStake{value: 1}(engineId);
    }

    /// @dev What a lease at `price` accrues over `elapsed` seconds, capped at `deposit`.
    function accrual(uint256 price, uint256 elapsed, uint256 deposit) internal pure returns (uint256) {
        uint256 due = price * elapsed / 1 hours;
        return due < deposit ? due : deposit;
    }
}
