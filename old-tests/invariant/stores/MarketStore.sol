// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The handlers' model of the market and their running totals (ghost state). Handlers update it from
/// what each call should do, never from what the contracts report; the invariants compare the two.
contract MarketStore {
    struct EngineModel {
        address operator;
        uint256 stake;
        uint256 unbonding;
        uint256 unlockAt;
        uint256 price;
        uint256 capacity;
        uint256 activeLeases;
    }

    struct ChallengeModel {
        address challenger;
        uint256 deadline;
        uint256 bond;
    }

    struct LeaseModel {
        address payer;
        uint256 engineId;
        uint256 startedAt;
        uint256 price;
        uint256 deposit; // cut to what accrued when the lease ends
        uint256 paid;
        bool active;
        uint256 wentIn; // opening deposit or carried-in amount, plus top-ups
        uint256 cameOut; // claims, refund and carried-out amount
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    uint256 public minStake;
    uint256 public engineCount;
    uint256 public leaseCount;
    mapping(uint256 engineId => EngineModel) internal _engines;
    mapping(uint256 engineId => ChallengeModel) internal _challenges;
    mapping(uint256 leaseId => LeaseModel) internal _leases;
    mapping(address account => uint256) public payoutOf;

    /*//////////////////////////////////////////////////////////////
                             RUNNING TOTALS
    //////////////////////////////////////////////////////////////*/

    uint256 public totalStake;
    uint256 public totalUnbonding;
    uint256 public totalBonds; // bonds of open challenges
    uint256 public totalPayouts; // credited, not yet withdrawn: treasury shares, forfeited bonds, rewards
    uint256 public totalEscrowed; // deposits not yet paid out

    mapping(address account => uint256) public putIn;
    mapping(address account => uint256) public tookOut; // measured on the account's balance
    mapping(address account => uint256) public owedOut; // what the model says the account was sent
    mapping(address account => uint256) public earned; // bonds won, slash shares, hosting claimed

    /*//////////////////////////////////////////////////////////////
                               OUTCOMES
    //////////////////////////////////////////////////////////////*/

    uint256 public leasesOnUnlistedEngines;
    uint256 public leasesOnFullEngines;
    uint256 public surprises; // calls whose outcome the model did not predict
    string public lastSurprise;
    mapping(string action => uint256) public succeeded;
    mapping(string action => uint256) public refused;
    mapping(bytes4 error => uint256) public refusedWith;

    constructor(uint256 minStake_) {
        minStake = minStake_;
    }

    function engine(uint256 id) external view returns (EngineModel memory) {
        return _engines[id];
    }

    function challenge(uint256 id) external view returns (ChallengeModel memory) {
        return _challenges[id];
    }

    function lease(uint256 id) external view returns (LeaseModel memory) {
        return _leases[id];
    }

    function isListed(uint256 id) public view returns (bool) {
        return _engines[id].operator != address(0) && _engines[id].stake >= minStake;
    }

    /// @notice What a lease has accrued by now: price by the second, capped at the deposit; fixed once ended.
    function accrued(uint256 id) public view returns (uint256) {
        LeaseModel storage l = _leases[id];
        if (!l.active) return l.deposit;
        uint256 due = l.price * (block.timestamp - l.startedAt) / 1 hours;
        return due < l.deposit ? due : l.deposit;
    }

    /*//////////////////////////////////////////////////////////////
                                WRITES
    //////////////////////////////////////////////////////////////*/

    function setMinStake(uint256 value) external {
        minStake = value;
    }

    function setEngine(uint256 id, EngineModel memory e) external {
        if (id > engineCount) engineCount = id;
        EngineModel storage old = _engines[id];
        totalStake = totalStake - old.stake + e.stake;
        totalUnbonding = totalUnbonding - old.unbonding + e.unbonding;
        _engines[id] = e;
    }

    function setChallenge(uint256 id, ChallengeModel memory c) external {
        totalBonds = totalBonds - _challenges[id].bond + c.bond;
        _challenges[id] = c;
    }

    function setLease(uint256 id, LeaseModel memory l) external {
        if (id > leaseCount) leaseCount = id;
        LeaseModel storage old = _leases[id];
        totalEscrowed = totalEscrowed - (old.deposit - old.paid) + (l.deposit - l.paid);
        _leases[id] = l;
    }

    function credit(address account, uint256 amount, uint256 gain) external {
        payoutOf[account] += amount;
        totalPayouts += amount;
        earned[account] += gain;
    }

    function debitPayout(address account) external returns (uint256 amount) {
        amount = payoutOf[account];
        payoutOf[account] = 0;
        totalPayouts -= amount;
    }

    function paidIn(address account, uint256 amount) external {
        putIn[account] += amount;
    }

    function paidOut(address account, uint256 measured, uint256 modelled) external {
        tookOut[account] += measured;
        owedOut[account] += modelled;
    }

    function earn(address account, uint256 amount) external {
        earned[account] += amount;
    }

    function leasedUnlisted() external {
        ++leasesOnUnlistedEngines;
    }

    function leasedFull() external {
        ++leasesOnFullEngines;
    }

    /// @notice A value the model did not predict (an amount paid or slashed).
    function surprise(string calldata action) external {
        ++surprises;
        lastSurprise = action;
    }

    function outcome(string calldata action, bool ok, bytes calldata reason, bytes calldata expected) external {
        bool predicted = ok ? expected.length == 0 : keccak256(reason) == keccak256(expected);
        if (ok) ++succeeded[action];
        else ++refused[action];
        if (!ok && reason.length >= 4) ++refusedWith[bytes4(reason[:4])];
        if (!predicted) {
            ++surprises;
            lastSurprise = action;
        }
    }
}
