// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice What an indexer rebuilds of the market from the registry's and the escrow's events alone, and the
/// block time it sees them at: the invariants compare it with the contracts' views. Every state change is meant to
/// emit what rebuilding it takes (see {IEngineRegistry}), so anything the replay cannot rebuild is a finding.
/// @dev Keyed only by what the events carry: no call to the contracts, no knowledge of the handlers' model.
contract EventReplay {
    struct EngineReplay {
        address operator;
        address agent; // as announced: zero reads as the operator
        address payout; // likewise
        address pendingOperator;
        uint256 stake;
        uint256 unbonding;
        uint256 unlockAt;
        uint256 price;
        uint256 capacity;
        uint256 activeLeases;
        uint256 openChallenges;
        uint256 epoch;
        bool halted;
        bytes32 advertHash;
    }

    struct LeaseReplay {
        address pico;
        uint256 engineId;
        uint256 startedAt;
        bool active;
        uint256 deposit;
        uint256 paid;
        uint256 price;
        uint256 epoch;
        uint256 moveTo;
        uint256 movePrice;
        uint256 moveDeadline;
    }

    struct ChallengeReplay {
        address challenger;
        uint256 engineId;
        uint256 deadline; // zero once answered or executed
        uint256 bond;
    }

    /// @dev The non-indexed fields of {IEngineRegistry.AdvertPublished}, in their order.
    struct PublishedAdvert {
        bytes32 advertHash;
        string endpoint;
        string did;
        uint256 pricePerHour;
        uint32 latencyMs;
        uint32 capacity;
        string region;
        string metadataCid;
    }

    address public immutable registry;
    address public immutable escrow;

    uint256 public engineCount;
    uint256 public leaseCount;
    mapping(uint256 engineId => EngineReplay) internal _engines;
    mapping(uint256 engineId => mapping(uint256 epoch => uint256 at)) internal _haltedAt;
    mapping(uint256 leaseId => LeaseReplay) internal _leases;
    mapping(address pico => uint256 leaseId) public currentOf;
    mapping(uint256 leaseId => ILeaseEscrow.EndReason) public endReasonOf; // of an ended lease
    mapping(uint256 challengeId => ChallengeReplay) internal _challenges;
    mapping(address account => uint256) public creditOf;
    mapping(address pico => uint256) public refundOf;
    mapping(bytes32 name => uint256) public parameter;
    /// @notice The schedule as announced: the values of the parameters it changes, and when it takes effect.
    mapping(bytes32 name => uint256) internal _scheduledValue;
    mapping(bytes32 name => bool) internal _isScheduled;
    uint256 public scheduledAt; // zero when no change is announced as coming

    /// @notice Adverts whose published fields do not hash to the hash published with them.
    uint256 public advertHashMismatches;

    constructor(address registry_, address escrow_) {
        (registry, escrow) = (registry_, escrow_);
    }

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    function engine(uint256 id) external view returns (EngineReplay memory) {
        return _engines[id];
    }

    function lease(uint256 id) external view returns (LeaseReplay memory) {
        return _leases[id];
    }

    function challenge(uint256 id) external view returns (ChallengeReplay memory) {
        return _challenges[id];
    }

    function listed(uint256 id) external view returns (bool) {
        return _engines[id].stake >= parameter["minStake"] && !_engines[id].halted;
    }

    /// @notice What a lease has accrued, from its opening's price, epoch and block time and its engine's halts.
    function accrued(uint256 id) external view returns (uint256) {
        LeaseReplay storage l = _leases[id];
        if (!l.active) return l.deposit;
        uint256 end = l.epoch == _engines[l.engineId].epoch ? block.timestamp : _haltedAt[l.engineId][l.epoch];
        if (end <= l.startedAt) return 0;
        uint256 due = l.price * (end - l.startedAt) / 1 hours;
        return due < l.deposit ? due : l.deposit;
    }

    /*//////////////////////////////////////////////////////////////
                                  FOLD
    //////////////////////////////////////////////////////////////*/

    /// @notice What a parameter will be once the schedule applies, as the announcements rebuild it: the value
    /// announced for it, else the one in force.
    function scheduled(bytes32 name) external view returns (uint256) {
        return _isScheduled[name] ? _scheduledValue[name] : parameter[name];
    }

    /// @notice Folds the logs of calls that succeeded, one event at a time (a reverted call's logs must not be
    /// folded).
    function fold(Vm.Log[] calldata logs) external {
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter == registry) _registryEvent(logs[i].topics, logs[i].data);
            else if (logs[i].emitter == escrow) _escrowEvent(logs[i].topics, logs[i].data);
        }
    }

    function _registryEvent(bytes32[] calldata t, bytes calldata data) internal {
        bytes32 sig = t[0];
        if (sig == IEngineRegistry.ParameterChanged.selector) {
            (, uint256 value) = abi.decode(data, (uint256, uint256));
            parameter[t[1]] = value;
            _dropSchedule(); // applied
            return;
        }
        if (sig == IEngineRegistry.ParameterScheduled.selector) {
            // A schedule that replaces a pending one announces ParametersCancelled first, which dropped the old one.
            (_scheduledValue[t[1]], scheduledAt) = abi.decode(data, (uint256, uint256));
            _isScheduled[t[1]] = true;
            return;
        }
        if (sig == IEngineRegistry.ParametersCancelled.selector) return _dropSchedule();
        if (sig == IEngineRegistry.Credited.selector) {
            creditOf[_address(t[1])] += abi.decode(data, (uint256));
            return;
        }
        if (sig == IEngineRegistry.CreditWithdrawn.selector) {
            creditOf[_address(t[1])] -= abi.decode(data, (uint256));
            return;
        }
        if (sig == IEngineRegistry.ChallengeOpened.selector) {
            (uint256 bond, uint256 deadline) = abi.decode(data, (uint256, uint256));
            _challenges[uint256(t[1])] = ChallengeReplay(_address(t[3]), uint256(t[2]), deadline, bond);
            ++_engines[uint256(t[2])].openChallenges;
            return;
        }
        if (sig == IEngineRegistry.ChallengeAnswered.selector || sig == IEngineRegistry.ChallengeExecuted.selector) {
            delete _challenges[uint256(t[1])];
            --_engines[uint256(t[2])].openChallenges;
            return;
        }
        if (sig == IEngineRegistry.AdvertPublished.selector) return _advert(uint256(t[1]), t[2], data);
        _engineEvent(sig, t, data);
    }

    function _engineEvent(bytes32 sig, bytes32[] calldata t, bytes calldata data) internal {
        if (t.length < 2) return; // no engine named: an event of the admin rules, not the market's
        EngineReplay storage e = _engines[uint256(t[1])];
        if (sig == IEngineRegistry.EngineRegistered.selector) {
            engineCount = uint256(t[1]);
            (e.operator, e.stake) = (_address(t[2]), abi.decode(data, (uint256)));
        } else if (sig == IEngineRegistry.StakeAdded.selector) {
            (, e.stake) = abi.decode(data, (uint256, uint256));
        } else if (sig == IEngineRegistry.UnbondRequested.selector) {
            (, e.stake, e.unbonding, e.unlockAt) = abi.decode(data, (uint256, uint256, uint256, uint256));
        } else if (sig == IEngineRegistry.StakeWithdrawn.selector) {
            e.unbonding -= abi.decode(data, (uint256)); // all of it: withdraw takes everything unlocked
        } else if (sig == IEngineRegistry.EngineSlashed.selector) {
            (,, e.stake, e.unbonding) = abi.decode(data, (uint8, uint256, uint256, uint256));
        } else if (sig == IEngineRegistry.EngineHalted.selector) {
            (uint256 epoch, uint256 at) = abi.decode(data, (uint256, uint256));
            _haltedAt[uint256(t[1])][epoch] = at;
            (e.epoch, e.halted) = (epoch + 1, true); // the halt closes `epoch`; a resume runs the next
        } else if (sig == IEngineRegistry.EngineResumed.selector) {
            (e.epoch, e.halted) = (abi.decode(data, (uint256)), false);
        } else if (sig == IEngineRegistry.AgentChanged.selector) {
            e.agent = _address(t[2]);
        } else if (sig == IEngineRegistry.PayoutAddressChanged.selector) {
            e.payout = _address(t[2]);
        } else if (sig == IEngineRegistry.OperatorTransferStarted.selector) {
            e.pendingOperator = _address(t[3]);
        } else if (sig == IEngineRegistry.OperatorTransferred.selector) {
            (e.operator, e.pendingOperator) = (_address(t[3]), address(0));
            (e.agent, e.payout) = (address(0), address(0)); // the keys reset to the new operator, unannounced
        }
    }

    /// @dev Records the advert's numbers and hash, and checks that its published fields hash to that hash.
    function _advert(uint256 engineId, bytes32 encryptionKey, bytes calldata data) internal {
        // The non-indexed fields are one dynamic tuple: read them as a struct behind its offset.
        PublishedAdvert memory a = abi.decode(bytes.concat(abi.encode(uint256(32)), data), (PublishedAdvert));
        EngineReplay storage e = _engines[engineId];
        (e.price, e.capacity, e.advertHash) = (a.pricePerHour, a.capacity, a.advertHash);
        IEngineRegistry.Advert memory advert = IEngineRegistry.Advert(
            a.endpoint, a.did, a.pricePerHour, a.latencyMs, a.capacity, a.region, a.metadataCid, encryptionKey
        );
        if (keccak256(abi.encode(advert)) != a.advertHash) ++advertHashMismatches;
    }

    function _escrowEvent(bytes32[] calldata t, bytes calldata data) internal {
        bytes32 sig = t[0];
        if (sig == ILeaseEscrow.RefundCredited.selector) {
            refundOf[_address(t[1])] += abi.decode(data, (uint256));
            return;
        }
        if (sig == ILeaseEscrow.RefundWithdrawn.selector) {
            refundOf[_address(t[1])] -= abi.decode(data, (uint256));
            return;
        }
        LeaseReplay storage l = _leases[uint256(t[1])];
        if (sig == ILeaseEscrow.LeaseOpened.selector) {
            leaseCount = uint256(t[1]);
            (l.pico, l.engineId, l.startedAt, l.active) = (_address(t[3]), uint256(t[2]), block.timestamp, true);
            (l.deposit, l.price, l.epoch) = abi.decode(data, (uint256, uint256, uint256));
            currentOf[l.pico] = uint256(t[1]);
            ++_engines[l.engineId].activeLeases;
        } else if (sig == ILeaseEscrow.LeaseToppedUp.selector) {
            (, l.deposit) = abi.decode(data, (uint256, uint256));
        } else if (sig == ILeaseEscrow.LeaseClaimed.selector) {
            (, l.paid) = abi.decode(data, (uint256, uint256));
        } else if (sig == ILeaseEscrow.LeaseClosed.selector) {
            // The deposit is cut to what accrued, whatever the reason.
            (endReasonOf[uint256(t[1])], l.deposit,) = abi.decode(data, (ILeaseEscrow.EndReason, uint256, uint256));
            l.active = false;
            if (currentOf[l.pico] == uint256(t[1])) currentOf[l.pico] = 0;
            --_engines[l.engineId].activeLeases;
        } else if (sig == ILeaseEscrow.MoveRequested.selector) {
            l.moveTo = uint256(t[3]);
            (l.movePrice, l.moveDeadline) = abi.decode(data, (uint256, uint256));
            ++_engines[l.moveTo].activeLeases; // the slot held on the target
        } else if (sig == ILeaseEscrow.MoveAccepted.selector) {
            // The held slot passed to the new lease, which its LeaseOpened already counted.
            --_engines[abi.decode(data[:32], (uint256))].activeLeases;
            (l.moveTo, l.movePrice, l.moveDeadline) = (0, 0, 0);
        } else if (
            sig == ILeaseEscrow.MoveRejected.selector || sig == ILeaseEscrow.MoveExpired.selector
                || sig == ILeaseEscrow.MoveCancelled.selector
        ) {
            --_engines[uint256(t[2])].activeLeases;
            (l.moveTo, l.movePrice, l.moveDeadline) = (0, 0, 0);
        }
    }

    function _dropSchedule() internal {
        bytes32[9] memory names = [
            // forge-lint: disable-next-line(unsafe-typecast)
            bytes32("minStake"),
            "challengeBond",
            "challengeWindow",
            "unbondingPeriod",
            "slashBps",
            "maxArbiterSlashBps",
            "minPrepaidPeriod",
            "moveWindow",
            "treasury"
        ];
        for (uint256 i = 0; i < names.length; ++i) {
            delete _isScheduled[names[i]];
        }
        scheduledAt = 0;
    }

    function _address(bytes32 topic) internal pure returns (address) {
        return address(uint160(uint256(topic)));
    }
}
