// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {vm} from "../../utils/Vm.sol";
import {EventReplay} from "../stores/EventReplay.sol";
import {MarketStore} from "../stores/MarketStore.sol";
import {BaseHandler} from "./BaseHandler.sol";

// Time is what the model follows:
// forge-lint: disable-next-item(block-timestamp)
/// @notice Drives availability challenges and arbiter slashes: challengers (the ether-refusing contract among
/// them) bond challenges, up to the most an engine may have open; agents answer them; anyone executes those left
/// unanswered; the arbiter slashes, once per case, with case ids that repeat; time passes across challenge windows.
contract ChallengeHandler is BaseHandler {
    uint256 private constant MAX_OPEN = 8;
    string private constant REASON_CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

    address private immutable arbiter;

    constructor(EngineRegistry registry_, MarketStore store_, EventReplay replay_, address arbiter_)
        BaseHandler(registry_, store_, replay_)
    {
        arbiter = arbiter_;
    }

    /// @dev On any engine (one with nothing at stake, an unknown one), one time in eight with a wrong bond; one
    /// time in four a challenger opens a burst of up to ten in a row, past the most an engine may have open.
    function openChallenge(uint256 engine, uint256 who, uint256 seed) external {
        uint256 id = _engineId(engine, true);
        address challenger = store.member(MarketStore.Role.Other, who);
        uint256 bond = store.params().challengeBond;
        uint256 value = seed % 8 == 7 ? bond + 1 : seed % 8 == 6 ? bond - 1 : bond;
        uint256 times = seed / 8 % 4 == 3 ? 1 + seed / 32 % 10 : 1;
        for (uint256 i = 0; i < times; ++i) {
            _openChallenge(id, challenger, value);
        }
    }

    /// @dev Usually by the engine's agent (or its operator), within the window or not.
    function answerChallenge(uint256 challenge, uint256 by) external {
        uint256 cid = _openChallengeId(challenge);
        MarketStore.ChallengeModel memory c = store.challenge(cid);
        address caller = _usually(c.deadline == 0 ? address(0) : store.agentOf(c.engineId), by);
        bytes memory expected;
        if (c.deadline == 0) {
            expected = abi.encodeWithSelector(Errors.NoOpenChallenge.selector, cid);
        } else if (!store.isAgent(c.engineId, caller)) {
            expected = abi.encodeWithSelector(Errors.NotAgent.selector, c.engineId, caller);
        } else if (block.timestamp > c.deadline) {
            expected = abi.encodeWithSelector(Errors.ChallengeWindowClosed.selector, cid, c.deadline);
        }
        _record();
        vm.prank(caller);
        try registry.answerChallenge(cid) {
            _succeeded("answerChallenge", expected);
            store.closeChallenge(cid);
            store.credit(store.payoutOf(c.engineId), c.bond);
        } catch (bytes memory reason) {
            _reverted("answerChallenge", reason, expected);
        }
    }

    /// @dev By anyone: half the slash and the bond to the challenger, the rest to the treasury.
    function executeChallenge(uint256 challenge, uint256 who) external {
        uint256 cid = _openChallengeId(challenge);
        MarketStore.ChallengeModel memory c = store.challenge(cid);
        bytes memory expected;
        if (c.deadline == 0) {
            expected = abi.encodeWithSelector(Errors.NoOpenChallenge.selector, cid);
        } else if (block.timestamp <= c.deadline) {
            expected = abi.encodeWithSelector(Errors.ChallengeWindowOpen.selector, cid, c.deadline);
        }
        address caller = store.anyone(who);
        _record();
        vm.prank(caller);
        try registry.executeChallenge(cid) returns (uint256 slashed) {
            _succeeded("executeChallenge", expected);
            store.closeChallenge(cid);
            uint256 amount = store.slash(c.engineId, store.params().slashBps);
            _check(slashed == amount, "executeChallenge: amount slashed");
            store.credit(c.challenger, amount / 2 + c.bond);
            store.credit(store.params().treasury, amount - amount / 2);
        } catch (bytes memory reason) {
            _reverted("executeChallenge", reason, expected);
        }
    }

    /// @dev Usually by the arbiter, with one of fifteen case ids (so cases repeat) or the zero id (which unanswered
    /// challenges carry, so no case has it), bps from zero to above the most, one time in eight without a reason.
    function arbiterSlash(uint256 engine, uint256 by, uint256 caseSeed, uint256 bps, uint256 reasonSeed) external {
        uint256 id = _engineId(engine, true);
        address caller = by % 5 == 4 ? store.anyone(by / 5) : arbiter;
        bytes32 caseId = caseSeed % 16 == 15 ? bytes32(0) : keccak256(abi.encode("case", caseSeed % 16));
        uint256 maxBps = store.params().maxArbiterSlashBps;
        bps = _bound(bps, 0, maxBps + 100);
        string memory reasonCid = reasonSeed % 8 == 7 ? "" : REASON_CID;
        bytes memory expected = _slashError(caller, id, caseId, bps, bytes(reasonCid).length);
        _record();
        vm.prank(caller);
        try registry.arbiterSlash(id, caseId, bps, reasonCid) returns (uint256 slashed) {
            _succeeded("arbiterSlash", expected);
            store.slashCase(caseId);
            uint256 amount = store.slash(id, bps);
            _check(slashed == amount, "arbiterSlash: amount slashed");
            store.credit(store.params().treasury, amount);
        } catch (bytes memory reason) {
            _reverted("arbiterSlash", reason, expected);
        }
    }

    /// @dev Time passes across a challenge window (two hours), so challenges get answered late and executed.
    function waitForChallenges(uint256 seed) external {
        _warp(_bound(seed, 1 minutes, 3 hours));
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    function _openChallenge(uint256 id, address challenger, uint256 value) internal {
        MarketStore.EngineModel memory e = store.engine(id);
        uint256 bond = store.params().challengeBond;
        bytes memory expected;
        if (!_known(id)) {
            expected = abi.encodeWithSelector(Errors.UnknownEngine.selector, id);
        } else if (e.stake == 0 && e.unbonding == 0 && e.activeLeases == 0) {
            expected = abi.encodeWithSelector(Errors.NothingAtStake.selector, id);
        } else if (e.openChallenges >= MAX_OPEN) {
            expected = abi.encodeWithSelector(Errors.TooManyOpenChallenges.selector, id, MAX_OPEN);
        } else if (value != bond) {
            expected = abi.encodeWithSelector(Errors.WrongChallengeBond.selector, value, bond);
        }
        _fund(challenger, value);
        _record();
        vm.prank(challenger);
        try registry.openChallenge{value: value}(id) returns (uint256 challengeId) {
            _succeeded("openChallenge", expected);
            _check(challengeId == store.openChallenge(id, challenger), "openChallenge: challenge id");
        } catch (bytes memory reason) {
            _reverted("openChallenge", reason, expected);
        }
    }

    function _slashError(address caller, uint256 id, bytes32 caseId, uint256 bps, uint256 reasonLength)
        internal
        view
        returns (bytes memory)
    {
        if (caller != arbiter) {
            bytes32 role = registry.ARBITER_ROLE();
            return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role);
        }
        if (!_known(id)) return abi.encodeWithSelector(Errors.UnknownEngine.selector, id);
        uint256 maxBps = store.params().maxArbiterSlashBps;
        if (bps == 0 || bps > maxBps) return abi.encodeWithSelector(Errors.InvalidSlash.selector, bps, maxBps);
        if (caseId == bytes32(0)) return abi.encodeWithSelector(Errors.ZeroCaseId.selector);
        if (store.caseSlashed(caseId)) return abi.encodeWithSelector(Errors.CaseAlreadySlashed.selector, caseId);
        if (reasonLength == 0) {
            return
                abi.encodeWithSelector(Errors.FieldLength.selector, "reasonCid", uint256(0), uint256(1), uint256(128));
        }
        return "";
    }

    /// @dev Usually an open challenge; one time in four, or when none is open, any id (a closed or unknown one).
    function _openChallengeId(uint256 seed) internal view returns (uint256) {
        uint256 count = store.challengeCount();
        if (count == 0 || seed % 4 == 3) return count == 0 ? 1 : 1 + (seed / 4) % (count + 1);
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + (seed % count + i) % count;
            if (store.challenge(id).deadline != 0) return id;
        }
        return 1 + seed % (count + 1);
    }
}
