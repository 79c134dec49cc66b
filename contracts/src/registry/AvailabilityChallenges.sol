// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../Errors.sol";
import {EngineBook} from "./EngineBook.sol";

/// @title AvailabilityChallenges
/// @notice Anyone may bond a challenge against a listed engine; its operator must answer on-chain within the
/// challenge window. An unanswered challenge slashes the engine (half to the challenger, who also gets the
/// bond back, half to the treasury); an answered one forfeits the bond to the operator, so griefing costs.
abstract contract AvailabilityChallenges is EngineBook {
    struct Challenge {
        address challenger;
        uint40 deadline;
        uint128 bond;
    }

    mapping(uint256 engineId => Challenge) private _challenges;

    /// @notice Challenges a listed engine to prove its operator is alive. Send exactly the challenge bond.
    function openChallenge(uint256 engineId) external payable {
        // Checks
        if (!_isListed(_engine(engineId))) revert Errors.EngineNotListed(engineId);
        uint256 bond = _challengeBond();
        if (msg.value != bond) revert Errors.WrongChallengeBond(msg.value, bond);
        uint256 openDeadline = _challenges[engineId].deadline;
        if (openDeadline != 0) revert Errors.ChallengeAlreadyOpen(engineId, openDeadline);
        // Effects
        (uint256 window,) = _windows();
        uint256 deadline = block.timestamp + window;
        _challenges[engineId] = Challenge(msg.sender, uint40(deadline), uint128(bond));
        emit ChallengeOpened(engineId, msg.sender, bond, deadline);
    }

    /// @notice The operator answers the open challenge before its deadline and earns the bond.
    function answerChallenge(uint256 engineId) external {
        // Checks
        _operatedEngine(engineId);
        Challenge memory c = _openChallenge(engineId);
        if (block.timestamp > c.deadline) revert Errors.ChallengeWindowClosed(engineId, c.deadline);
        // Effects
        delete _challenges[engineId];
        _credit(msg.sender, c.bond);
        emit ChallengeAnswered(engineId, msg.sender, c.bond);
    }

    /// @notice Anyone executes a challenge left unanswered past its deadline: the engine is slashed.
    /// @return slashed The amount taken from the engine's stake.
    function executeChallenge(uint256 engineId) external returns (uint256 slashed) {
        // Checks
        Challenge memory c = _openChallenge(engineId);
        if (block.timestamp <= c.deadline) revert Errors.ChallengeWindowOpen(engineId, c.deadline);
        // Effects
        delete _challenges[engineId];
        (uint256 slashBps,) = _slashBps();
        slashed = _slash(engineId, slashBps);
        uint256 toChallenger = slashed / 2;
        _credit(c.challenger, toChallenger + c.bond);
        _credit(_treasury(), slashed - toChallenger);
        emit EngineSlashed(engineId, SlashCause.UnansweredChallenge, msg.sender, slashed, _stakeOf(engineId), "");
        emit ChallengeExecuted(engineId, c.challenger, slashed);
    }

    /// @notice The open challenge against an engine; a zero deadline means none.
    function challengeOf(uint256 engineId) external view returns (Challenge memory) {
        return _challenges[engineId];
    }

    function _hasOpenChallenge(uint256 engineId) internal view returns (bool) {
        return _challenges[engineId].deadline != 0;
    }

    function _openChallenge(uint256 engineId) private view returns (Challenge memory c) {
        c = _challenges[engineId];
        if (c.deadline == 0) revert Errors.NoOpenChallenge(engineId);
    }
}
