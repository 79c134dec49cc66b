// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../Errors.sol";
import {EngineBook} from "./EngineBook.sol";

/// @title AvailabilityChallenges
/// @notice Anyone may bond a challenge against an engine that has stake or active leases, listed or not; its agent
/// must answer on-chain within the challenge window. An unanswered challenge slashes the engine (half to the
/// challenger, who also gets the bond back, half to the treasury); an answered one pays the bond to the engine's
/// payout address, so griefing costs.
/// @dev Up to {MAX_OPEN_CHALLENGES} challenges may be open on one engine at once, each with its own deadline: an
/// operator that keeps challenges of its own open cannot lock honest challengers out without bonding every slot
/// and proving itself alive before each deadline. Stake cannot be withdrawn while any challenge is open.
abstract contract AvailabilityChallenges is EngineBook {
    /// @notice How many challenges may be open on one engine at once.
    uint256 public constant MAX_OPEN_CHALLENGES = 8;

    struct Challenge {
        address challenger;
        uint48 engineId;
        uint40 deadline;
        uint128 bond;
    }

    uint256 private _challengeCount;
    mapping(uint256 challengeId => Challenge) private _challenges;

    /// @notice Challenges an engine to prove its agent is alive. Send exactly the challenge bond.
    /// @return challengeId The new challenge's id, counting from 1.
    function openChallenge(uint256 engineId) external payable returns (uint256 challengeId) {
        // Checks
        Engine storage e = _engine(engineId);
        if (e.stake == 0 && e.unbonding == 0 && e.activeLeases == 0) revert Errors.NothingAtStake(engineId);
        uint256 open = e.openChallenges;
        if (open >= MAX_OPEN_CHALLENGES) revert Errors.TooManyOpenChallenges(engineId, MAX_OPEN_CHALLENGES);
        uint256 bond = _challengeBond();
        if (msg.value != bond) revert Errors.WrongChallengeBond(msg.value, bond);
        // Effects
        (uint256 window,) = _windows();
        uint256 deadline = block.timestamp + window;
        challengeId = ++_challengeCount;
        e.openChallenges = uint8(open + 1);
        _challenges[challengeId] = Challenge(msg.sender, uint48(engineId), uint40(deadline), uint128(bond));
        emit ChallengeOpened(challengeId, engineId, msg.sender, bond, deadline);
    }

    /// @notice The engine's agent (or operator) answers an open challenge before its deadline; the bond is
    /// credited to the engine's payout address.
    function answerChallenge(uint256 challengeId) external {
        // Checks
        Challenge memory c = _openChallenge(challengeId);
        Engine storage e = _agentsEngine(c.engineId, msg.sender);
        if (block.timestamp > c.deadline) revert Errors.ChallengeWindowClosed(challengeId, c.deadline);
        // Effects
        _close(challengeId, e);
        _credit(_payoutOf(e), c.bond);
        emit ChallengeAnswered(challengeId, c.engineId, msg.sender, c.bond);
    }

    /// @notice Anyone executes a challenge left unanswered past its deadline: the engine is slashed.
    /// @return slashed The amount taken from the engine's stake.
    function executeChallenge(uint256 challengeId) external returns (uint256 slashed) {
        // Checks
        Challenge memory c = _openChallenge(challengeId);
        if (block.timestamp <= c.deadline) revert Errors.ChallengeWindowOpen(challengeId, c.deadline);
        // Effects
        Engine storage e = _engine(c.engineId);
        _close(challengeId, e);
        (uint256 slashBps,) = _slashBps();
        slashed = _slash(c.engineId, slashBps);
        uint256 toChallenger = slashed / 2;
        _credit(c.challenger, toChallenger + c.bond);
        _credit(_treasury(), slashed - toChallenger);
        emit EngineSlashed(
            c.engineId, SlashCause.UnansweredChallenge, msg.sender, slashed, e.stake, e.unbonding, bytes32(0), ""
        );
        emit ChallengeExecuted(challengeId, c.engineId, c.challenger, slashed);
    }

    /// @notice A challenge; a zero deadline means it is not open.
    function challenge(uint256 challengeId) external view returns (Challenge memory) {
        return _challenges[challengeId];
    }

    /// @notice How many challenges were ever opened.
    function challengeCount() external view returns (uint256) {
        return _challengeCount;
    }

    function _close(uint256 challengeId, Engine storage e) private {
        delete _challenges[challengeId];
        // An open challenge counts in its engine's open challenges, so the count is at least 1 here.
        unchecked {
            e.openChallenges -= 1;
        }
    }

    function _openChallenge(uint256 challengeId) private view returns (Challenge memory c) {
        c = _challenges[challengeId];
        if (c.deadline == 0) revert Errors.NoOpenChallenge(challengeId);
    }
}
