// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Errors} from "../Errors.sol";
import {Transfers} from "../Transfers.sol";
import {RegistryParameters} from "./RegistryParameters.sol";

/// @title EngineBook
/// @notice The registry's ledger: engines in packed storage, their keys, stake, halts and slashing, and the
/// credits owed to challengers, payout addresses and the treasury.
/// @dev Slash proceeds and bonds are credited, never pushed: a receiver that reverts must not be able to block the
/// slash of an engine. An engine's agent and payout address read as its operator while unset (zero), so that
/// registering writes no extra slot.
abstract contract EngineBook is RegistryParameters, ReentrancyGuardTransient {
    using SafeCast for uint256;

    /// @dev Six slots. Registering writes three (operator, stake, hash); a lease reads the first two and writes
    /// the second.
    struct Engine {
        address operator;
        uint72 pricePerHour;
        uint24 capacity;
        uint96 stake;
        uint40 unlockAt;
        uint24 activeLeases;
        uint8 openChallenges;
        uint24 epoch;
        bool halted;
        bytes32 advertHash;
        uint96 unbonding;
        address agent;
        address payout;
        address pendingOperator;
    }

    /// @dev Starts at 1 so that id 0 is never an engine and the first registration pays no fresh-slot write.
    uint256 private _nextEngineId = 1;
    mapping(uint256 engineId => Engine) private _engines;
    mapping(uint256 engineId => mapping(uint256 epoch => uint256 at)) private _haltedAt;
    mapping(address account => uint256 amount) private _credits;

    /// @notice Names the engine's agent, the hot key that answers challenges, accepts moves, updates the advert
    /// and claims. Zero makes the operator its own agent. Only the operator.
    function setAgent(uint256 engineId, address agent) external {
        _operatedEngine(engineId).agent = agent;
        emit AgentChanged(engineId, agent);
    }

    /// @notice Names the address that lease claims and answered challenges' bonds are paid to. Zero pays the
    /// operator. Only the operator.
    function setPayout(uint256 engineId, address payout) external {
        _operatedEngine(engineId).payout = payout;
        emit PayoutAddressChanged(engineId, payout);
    }

    /// @notice Starts handing the operator role to `to`, who must accept it. Zero cancels. Only the operator.
    function transferOperator(uint256 engineId, address to) external {
        _operatedEngine(engineId).pendingOperator = to;
        emit OperatorTransferStarted(engineId, msg.sender, to);
    }

    /// @notice The pending operator takes the role over. The agent and payout address reset to the new operator, so
    /// that the previous owner's keys neither act for the engine nor take its earnings.
    function acceptOperator(uint256 engineId) external {
        Engine storage e = _engine(engineId);
        address pending = e.pendingOperator;
        if (pending == address(0) || pending != msg.sender) {
            revert Errors.NotPendingOperator(engineId, msg.sender, pending);
        }
        address from = e.operator;
        e.operator = pending;
        e.pendingOperator = address(0);
        e.agent = address(0);
        e.payout = address(0);
        emit OperatorTransferred(engineId, from, pending);
    }

    /// @notice Withdraws everything credited to the caller: challenge rewards and bonds, treasury shares.
    function withdrawCredit() external nonReentrant {
        uint256 amount = _credits[msg.sender];
        if (amount == 0) revert Errors.NoPayout(msg.sender);
        // Effects
        _credits[msg.sender] = 0;
        emit CreditWithdrawn(msg.sender, amount);
        // Interactions
        Transfers.sendValue(msg.sender, amount);
    }

    /// @notice What `account` can withdraw with {withdrawCredit}.
    function creditOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @notice How many engines were ever registered.
    function engineCount() external view returns (uint256) {
        return _nextEngineId - 1;
    }

    function _newEngine(address operator, uint256 stake) internal returns (uint256 engineId, Engine storage e) {
        engineId = _nextEngineId++;
        e = _engines[engineId];
        e.operator = operator;
        e.stake = stake.toUint96();
    }

    /// @dev The engine, or a revert with {Errors.UnknownEngine}.
    function _engine(uint256 engineId) internal view returns (Engine storage e) {
        e = _engines[engineId];
        if (e.operator == address(0)) revert Errors.UnknownEngine(engineId);
    }

    /// @dev The engine, or a revert unless the caller operates it.
    function _operatedEngine(uint256 engineId) internal view returns (Engine storage e) {
        e = _engine(engineId);
        if (e.operator != msg.sender) revert Errors.NotOperator(engineId, msg.sender, e.operator);
    }

    /// @dev The engine, or a revert unless `caller` is its agent or its operator.
    function _agentsEngine(uint256 engineId, address caller) internal view returns (Engine storage e) {
        e = _engine(engineId);
        if (caller != e.operator && (caller != e.agent || caller == address(0))) {
            revert Errors.NotAgent(engineId, caller);
        }
    }

    function _payoutOf(Engine storage e) internal view returns (address) {
        address payout = e.payout;
        return payout == address(0) ? e.operator : payout;
    }

    function _isListed(Engine storage e) internal view returns (bool) {
        return e.stake >= _minStake() && !e.halted;
    }

    function _haltTime(uint256 engineId, uint256 epoch) internal view returns (uint256) {
        return _haltedAt[engineId][epoch];
    }

    /// @dev Sets the active stake. Stake that `falls` below the minimum halts the engine: its leases of the running
    /// epoch stop accruing now. Stake that rises back to the minimum resumes a halted engine in a new epoch.
    function _setStake(uint256 engineId, Engine storage e, uint256 stake, bool falls) internal {
        e.stake = stake.toUint96();
        bool belowMin = stake < _minStake();
        if (falls && belowMin && !e.halted) {
            uint256 epoch = e.epoch;
            _haltedAt[engineId][epoch] = block.timestamp;
            e.epoch = (epoch + 1).toUint24();
            e.halted = true;
            emit EngineHalted(engineId, epoch, block.timestamp);
        } else if (!falls && !belowMin && e.halted) {
            e.halted = false;
            emit EngineResumed(engineId, e.epoch);
        }
    }

    /// @dev Slashes `bps` of everything the engine has at stake, active stake first, then unbonding stake, so
    /// that unbonding never escapes a slash. Returns the amount taken; the caller credits it.
    function _slash(uint256 engineId, uint256 bps) internal returns (uint256 amount) {
        Engine storage e = _engines[engineId];
        uint256 stake = e.stake;
        uint256 unbonding = e.unbonding;
        amount = (stake + unbonding) * bps / BPS;
        uint256 fromStake = amount < stake ? amount : stake;
        _setStake(engineId, e, stake - fromStake, true);
        // `amount - fromStake` is at most `unbonding` because bps <= BPS.
        if (amount > fromStake) e.unbonding = uint96(unbonding - (amount - fromStake));
    }

    function _credit(address account, uint256 amount) internal {
        _credits[account] += amount;
        emit Credited(account, amount);
    }
}
