// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineLedger} from "./EngineLedger.sol";

/// @notice The handlers' model of the market (the registry's side in {EngineLedger}, the escrow's here), the cast
/// of actors they play, running totals, and the bookkeeping of every call's outcome.
contract MarketStore is EngineLedger {
    struct LeaseModel {
        address pico;
        uint256 engineId;
        uint256 startedAt;
        bool active;
        uint256 deposit; // cut to what accrued when the lease ends
        uint256 paid;
        uint256 price;
        uint256 epoch;
        uint256 moveTo; // zero: no move pending
        uint256 movePrice;
        uint256 moveDeadline;
    }

    /// @notice The parts the handlers play. A contract that refuses ether plays several of them.
    enum Role {
        Operator,
        Agent,
        Payout,
        Pico,
        Sponsor,
        Other
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    uint256 public leaseCount;
    mapping(uint256 leaseId => LeaseModel) internal _leases;
    mapping(address pico => uint256 leaseId) public currentOf;
    mapping(uint256 engineId => uint256[] leaseIds) internal _leasesOn;
    mapping(address pico => uint256) public nonceOf; // of its signed requests

    /// @notice What each pico may take back with withdrawRefund: the unaccrued rest of leases others ended.
    mapping(address pico => uint256) public refundOf;

    /// @notice Wei paid into the escrow (deposits, top-ups) and out of it (claims; refunds sent on close or
    /// withdrawn after a credit).
    uint256 public escrowIn;
    uint256 public claimed;
    uint256 public refunded;

    /*//////////////////////////////////////////////////////////////
                                  CAST
    //////////////////////////////////////////////////////////////*/

    mapping(Role role => address[]) internal _cast;
    address[] internal _everyone;
    mapping(address account => bool) public refusesEther;
    mapping(address pico => uint256) public signingKeyOf; // the key its signatures are made with; 0: none

    /*//////////////////////////////////////////////////////////////
                               OUTCOMES
    //////////////////////////////////////////////////////////////*/

    uint256 public surprises; // calls whose outcome or amounts the model did not predict
    string public lastSurprise;
    mapping(string action => uint256) public succeeded;
    mapping(string action => uint256) public refused;
    mapping(string action => mapping(bytes4 error => uint256)) public refusedWith;

    /*//////////////////////////////////////////////////////////////
                                 CAST
    //////////////////////////////////////////////////////////////*/

    function join(Role role, address account) external {
        _cast[role].push(account);
        for (uint256 i = 0; i < _everyone.length; ++i) {
            if (_everyone[i] == account) return;
        }
        _everyone.push(account);
    }

    function setRefusesEther(address account) external {
        refusesEther[account] = true;
    }

    function setSigningKey(address pico, uint256 key) external {
        signingKeyOf[pico] = key;
    }

    function member(Role role, uint256 seed) external view returns (address) {
        address[] storage all = _cast[role];
        return all[seed % all.length];
    }

    function members(Role role) external view returns (address[] memory) {
        return _cast[role];
    }

    function anyone(uint256 seed) external view returns (address) {
        return _everyone[seed % _everyone.length];
    }

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    function lease(uint256 id) external view returns (LeaseModel memory) {
        return _leases[id];
    }

    function leasesOn(uint256 engineId) external view returns (uint256[] memory) {
        return _leasesOn[engineId];
    }

    /// @notice What a lease has accrued: its price by the second from its start, until its engine's epoch halted
    /// (or now while it runs), capped at its deposit; fixed once the lease ended.
    function accrued(uint256 id) public view returns (uint256) {
        LeaseModel storage l = _leases[id];
        if (!l.active) return l.deposit;
        uint256 end = accrualEnd(id);
        if (end <= l.startedAt) return 0;
        uint256 due = l.price * (end - l.startedAt) / 1 hours;
        return due < l.deposit ? due : l.deposit;
    }

    /// @notice When a lease stops accruing: now while its engine's epoch runs, the halt's time once it halted.
    function accrualEnd(uint256 id) public view returns (uint256) {
        LeaseModel storage l = _leases[id];
        return l.epoch == _engines[l.engineId].epoch ? block.timestamp : haltedAt[l.engineId][l.epoch];
    }

    /// @notice The smallest deposit a lease at `price` takes: the minimum prepaid period, rounded up, at least 1.
    function minDeposit(uint256 price) external view returns (uint256 min) {
        min = (price * _params.minPrepaidPeriod + 1 hours - 1) / 1 hours;
        if (min == 0) min = 1;
    }

    /*//////////////////////////////////////////////////////////////
                                 LEASES
    //////////////////////////////////////////////////////////////*/

    /// @notice Takes a slot for a lease or a pending move.
    function occupy(uint256 engineId) public {
        ++_engines[engineId].activeLeases;
    }

    function openLease(address pico, uint256 engineId, uint256 deposit) external returns (uint256 id) {
        occupy(engineId);
        escrowIn += deposit;
        id = _create(pico, engineId, _engines[engineId].price, deposit);
    }

    function topUp(uint256 id, uint256 amount) external {
        _leases[id].deposit += amount;
        escrowIn += amount;
    }

    /// @notice Ends a lease (closed, moved, exhausted or stopped), cancelling its pending move; returns what was
    /// left of its deposit (refunded, carried on, credited, or zero).
    function endLease(uint256 id) public returns (uint256 rest) {
        dropMove(id);
        LeaseModel storage l = _leases[id];
        uint256 due = accrued(id);
        rest = l.deposit - due;
        (l.deposit, l.active) = (due, false);
        currentOf[l.pico] = 0;
        --_engines[l.engineId].activeLeases;
    }

    function useNonce(address pico) external {
        ++nonceOf[pico];
    }

    /// @notice A refund sent to a pico right away (on close).
    function refund(uint256 amount) external {
        refunded += amount;
    }

    /// @notice A refund kept for a pico whose lease someone else ended.
    function creditRefund(address pico, uint256 amount) external {
        refundOf[pico] += amount;
    }

    /// @notice The pico takes back its credited refunds; returns the amount.
    function withdrawRefund(address pico) external returns (uint256 amount) {
        amount = refundOf[pico];
        refundOf[pico] = 0;
        refunded += amount;
    }

    function requestMove(uint256 id, uint256 to, uint256 price, uint256 deadline) external {
        occupy(to);
        LeaseModel storage l = _leases[id];
        (l.moveTo, l.movePrice, l.moveDeadline) = (to, price, deadline);
    }

    /// @notice Drops a pending move (if any), freeing the slot it held on its target.
    function dropMove(uint256 id) public {
        LeaseModel storage l = _leases[id];
        if (l.moveTo == 0) return;
        --_engines[l.moveTo].activeLeases;
        (l.moveTo, l.movePrice, l.moveDeadline) = (0, 0, 0);
    }

    /// @notice The target accepts: the source ends paid up to now, and the held slot passes to a lease that starts
    /// now with the rest, at the move's price, in the target's running epoch.
    function acceptMove(uint256 id) external returns (uint256 toId) {
        LeaseModel storage l = _leases[id];
        (uint256 to, uint256 price) = (l.moveTo, l.movePrice);
        uint256 carried = endLease(id);
        occupy(to); // the slot the move held, which endLease freed with the move
        toId = _create(l.pico, to, price, carried);
    }

    /// @notice Pays what the lease accrued since its last claim; returns the amount.
    function claim(uint256 id) external returns (uint256 amount) {
        LeaseModel storage l = _leases[id];
        uint256 due = accrued(id);
        amount = due - l.paid;
        l.paid = due;
        claimed += amount;
    }

    function _create(address pico, uint256 engineId, uint256 price, uint256 deposit) internal returns (uint256 id) {
        id = ++leaseCount;
        _leases[id] = LeaseModel({
            pico: pico,
            engineId: engineId,
            startedAt: block.timestamp,
            active: true,
            deposit: deposit,
            paid: 0,
            price: price,
            epoch: _engines[engineId].epoch,
            moveTo: 0,
            movePrice: 0,
            moveDeadline: 0
        });
        currentOf[pico] = id;
        _leasesOn[engineId].push(id);
    }

    /*//////////////////////////////////////////////////////////////
                               OUTCOMES
    //////////////////////////////////////////////////////////////*/

    /// @notice Records a call's outcome: predicted when it succeeded with nothing expected, or reverted with
    /// exactly the expected data.
    function outcome(string calldata action, bool ok, bytes calldata reason, bytes calldata expected) external {
        bool predicted = ok ? expected.length == 0 : keccak256(reason) == keccak256(expected);
        if (ok) ++succeeded[action];
        else ++refused[action];
        if (!ok && reason.length >= 4) ++refusedWith[action][bytes4(reason[:4])];
        if (!predicted) surprise(action);
    }

    /// @notice Something the model did not predict: an outcome, an amount, a state after a call.
    function surprise(string memory what) public {
        ++surprises;
        lastSurprise = what;
    }
}
