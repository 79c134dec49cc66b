// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";

/// @notice The model of the registry's side of the market: engines, their keys, stake, halts and slashes, open
/// challenges, credits, and the governance parameters. Handlers write it from what each call should do, never from
/// what the contracts report; the invariants compare the two.
/// @dev The rules written here (halting, resuming, slashing) restate the design, so a contract that drifts from
/// it makes a handler predict the wrong outcome, which the invariants report.
abstract contract EngineLedger {
    uint256 internal constant BPS = 10_000;

    struct EngineModel {
        address operator;
        address agent; // as set: zero reads as the operator
        address payout; // as set: zero reads as the operator
        address pendingOperator;
        uint256 stake;
        uint256 unbonding;
        uint256 unlockAt;
        uint256 price;
        uint256 capacity;
        uint256 activeLeases; // active leases on it, plus pending moves to it
        uint256 leasesAtAdvert; // activeLeases when its advert was last written
        uint256 openChallenges;
        uint256 epoch;
        bool halted;
        uint256 deposited; // registered and added stake
        uint256 withdrawn;
        uint256 slashed;
    }

    struct ChallengeModel {
        address challenger;
        uint256 engineId;
        uint256 deadline; // zero once answered or executed
        uint256 bond;
    }

    IEngineRegistry.Parameters internal _params;
    IEngineRegistry.Parameters internal _scheduled;
    uint256 public effectiveAt; // of the scheduled parameters; zero when none are

    uint256 public engineCount;
    uint256 public challengeCount;
    mapping(uint256 engineId => EngineModel) internal _engines;
    mapping(uint256 engineId => mapping(uint256 epoch => uint256 at)) public haltedAt;
    mapping(uint256 challengeId => ChallengeModel) internal _challenges;
    mapping(bytes32 caseId => bool) public caseSlashed;
    mapping(address account => uint256) public creditOf;
    address[] internal _credited; // every account ever credited
    mapping(address account => bool) internal _wasCredited;

    /// @notice Wei sent into the registry (stake, bonds) and out of it (withdrawals, credits withdrawn).
    uint256 public registryIn;
    uint256 public registryOut;

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    function params() external view returns (IEngineRegistry.Parameters memory) {
        return _params;
    }

    function scheduled() external view returns (IEngineRegistry.Parameters memory) {
        return _scheduled;
    }

    function engine(uint256 id) external view returns (EngineModel memory) {
        return _engines[id];
    }

    function challenge(uint256 id) external view returns (ChallengeModel memory) {
        return _challenges[id];
    }

    function credited() external view returns (address[] memory) {
        return _credited;
    }

    function isListed(uint256 id) public view returns (bool) {
        return _engines[id].stake >= _params.minStake && !_engines[id].halted;
    }

    function agentOf(uint256 id) public view returns (address) {
        EngineModel storage e = _engines[id];
        return e.agent == address(0) ? e.operator : e.agent;
    }

    function payoutOf(uint256 id) public view returns (address) {
        EngineModel storage e = _engines[id];
        return e.payout == address(0) ? e.operator : e.payout;
    }

    /// @notice Whether `caller` may act as the engine's agent: its operator, or its agent once named.
    function isAgent(uint256 id, address caller) external view returns (bool) {
        EngineModel storage e = _engines[id];
        return caller == e.operator || (e.agent != address(0) && caller == e.agent);
    }

    /*//////////////////////////////////////////////////////////////
                            ENGINES AND STAKE
    //////////////////////////////////////////////////////////////*/

    function register(address operator, uint256 stake, uint256 price, uint256 capacity) external returns (uint256 id) {
        id = ++engineCount;
        EngineModel storage e = _engines[id];
        (e.operator, e.stake, e.deposited, e.price, e.capacity) = (operator, stake, stake, price, capacity);
        registryIn += stake;
    }

    function writeAdvert(uint256 id, uint256 price, uint256 capacity) external {
        EngineModel storage e = _engines[id];
        (e.price, e.capacity, e.leasesAtAdvert) = (price, capacity, e.activeLeases);
    }

    function addStake(uint256 id, uint256 amount) external {
        EngineModel storage e = _engines[id];
        e.deposited += amount;
        registryIn += amount;
        _setStake(id, e.stake + amount, false);
    }

    function unbond(uint256 id, uint256 amount) external {
        EngineModel storage e = _engines[id];
        e.unbonding += amount;
        e.unlockAt = block.timestamp + _params.unbondingPeriod;
        _setStake(id, e.stake - amount, true);
    }

    function withdraw(uint256 id) external returns (uint256 amount) {
        EngineModel storage e = _engines[id];
        amount = e.unbonding;
        (e.unbonding, e.withdrawn) = (0, e.withdrawn + amount);
        registryOut += amount;
    }

    function setAgent(uint256 id, address agent) external {
        _engines[id].agent = agent;
    }

    function setPayout(uint256 id, address payout) external {
        _engines[id].payout = payout;
    }

    function setPendingOperator(uint256 id, address to) external {
        _engines[id].pendingOperator = to;
    }

    /// @notice The new operator takes over with no agent and no payout address (both read as it): the previous
    /// owner's keys neither act for the engine nor take its earnings.
    function acceptOperator(uint256 id) external {
        EngineModel storage e = _engines[id];
        (e.operator, e.pendingOperator) = (e.pendingOperator, address(0));
        (e.agent, e.payout) = (address(0), address(0));
    }

    /// @notice Slashes `bps` of everything at stake, active stake first; returns the amount (credited by the caller).
    function slash(uint256 id, uint256 bps) external returns (uint256 amount) {
        EngineModel storage e = _engines[id];
        amount = (e.stake + e.unbonding) * bps / BPS;
        uint256 fromStake = amount < e.stake ? amount : e.stake;
        e.unbonding -= amount - fromStake;
        e.slashed += amount;
        _setStake(id, e.stake - fromStake, true);
    }

    function slashCase(bytes32 caseId) external {
        caseSlashed[caseId] = true;
    }

    /// @dev Stake that falls below the minimum halts a running engine (its epoch's leases stop accruing now);
    /// stake that rises back to it resumes a halted one, in the epoch the halt opened.
    function _setStake(uint256 id, uint256 stake, bool falls) internal {
        EngineModel storage e = _engines[id];
        e.stake = stake;
        bool below = stake < _params.minStake;
        if (falls && below && !e.halted) {
            haltedAt[id][e.epoch] = block.timestamp;
            ++e.epoch;
            e.halted = true;
        } else if (!falls && !below && e.halted) {
            e.halted = false;
        }
    }

    /*//////////////////////////////////////////////////////////////
                         CHALLENGES AND CREDITS
    //////////////////////////////////////////////////////////////*/

    function openChallenge(uint256 engineId, address challenger) external returns (uint256 id) {
        id = ++challengeCount;
        uint256 bond = _params.challengeBond;
        _challenges[id] = ChallengeModel(challenger, engineId, block.timestamp + _params.challengeWindow, bond);
        ++_engines[engineId].openChallenges;
        registryIn += bond;
    }

    function closeChallenge(uint256 id) external {
        --_engines[_challenges[id].engineId].openChallenges;
        _challenges[id].deadline = 0;
    }

    function credit(address account, uint256 amount) external {
        creditOf[account] += amount;
        if (!_wasCredited[account]) {
            _wasCredited[account] = true;
            _credited.push(account);
        }
    }

    function withdrawCredit(address account) external returns (uint256 amount) {
        amount = creditOf[account];
        creditOf[account] = 0;
        registryOut += amount;
    }

    /*//////////////////////////////////////////////////////////////
                               PARAMETERS
    //////////////////////////////////////////////////////////////*/

    function setParams(IEngineRegistry.Parameters memory p) external {
        _params = p;
    }

    function schedule(IEngineRegistry.Parameters memory p) external {
        (_scheduled, effectiveAt) = (p, block.timestamp + 2 days);
    }

    function cancelSchedule() external {
        delete _scheduled;
        effectiveAt = 0;
    }

    function applySchedule() external {
        _params = _scheduled;
        delete _scheduled;
        effectiveAt = 0;
    }
}
