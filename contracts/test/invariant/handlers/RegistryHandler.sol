// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {AvailabilityChallenges} from "../../../src/registry/AvailabilityChallenges.sol";
import {Vm} from "../../utils/Vm.sol";
import {Ghosts} from "./Ghosts.sol";

/// @notice Drives the registry with bounded random operations by a handful of operators and challengers.
contract RegistryHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    EngineRegistry internal immutable registry;
    Ghosts internal immutable ghosts;
    address internal immutable arbiter;
    address[] internal operators;
    address[] internal challengers;

    constructor(EngineRegistry registry_, Ghosts ghosts_, address arbiter_) {
        registry = registry_;
        ghosts = ghosts_;
        arbiter = arbiter_;
        for (uint160 i = 1; i <= 3; ++i) {
            operators.push(address(0x1000 + i));
            challengers.push(address(0x2000 + i));
        }
    }

    function register(uint256 who, uint256 stake, uint256 capacity) external {
        address op = operators[who % operators.length];
        stake = 1 ether + stake % 9 ether;
        vm.deal(op, stake);
        vm.prank(op);
        registry.register{value: stake}(_advert(uint32(1 + capacity % 3), uint72(1e15 + capacity % 1e16)));
        ghosts.paidToRegistry(op, stake);
    }

    function addStake(uint256 engine, uint256 amount) external {
        uint256 id = _engine(engine);
        if (id == 0) return;
        amount = 1 + amount % 2 ether;
        address op = registry.operatorOf(id);
        vm.deal(op, amount);
        vm.prank(op);
        registry.addStake{value: amount}(id);
        ghosts.paidToRegistry(op, amount);
    }

    function requestUnbond(uint256 engine, uint256 amount) external {
        uint256 id = _engine(engine);
        if (id == 0) return;
        uint256 stake = registry.engine(id).stake;
        if (stake == 0) return;
        vm.prank(registry.operatorOf(id));
        registry.requestUnbond(id, 1 + amount % stake);
    }

    function withdraw(uint256 engine) external {
        uint256 id = _engine(engine);
        if (id == 0) return;
        EngineRegistry.EngineView memory e = registry.engine(id);
        if (e.unbonding == 0 || block.timestamp < e.unlockAt || registry.challengeOf(id).deadline != 0) return;
        vm.prank(e.operator);
        registry.withdraw(id);
        ghosts.paidByRegistry(e.operator, e.unbonding);
    }

    function openChallenge(uint256 engine, uint256 who) external {
        uint256 id = _engine(engine);
        if (id == 0 || !registry.engine(id).listed || registry.challengeOf(id).deadline != 0) return;
        address challenger = challengers[who % challengers.length];
        uint256 bond = registry.parameters().challengeBond;
        vm.deal(challenger, bond);
        vm.prank(challenger);
        registry.openChallenge{value: bond}(id);
        ghosts.paidToRegistry(challenger, bond);
    }

    function answerChallenge(uint256 engine) external {
        uint256 id = _engine(engine);
        AvailabilityChallenges.Challenge memory c = registry.challengeOf(id);
        if (id == 0 || c.deadline == 0 || block.timestamp > c.deadline) return;
        address op = registry.operatorOf(id);
        vm.prank(op);
        registry.answerChallenge(id);
        ghosts.mayEarn(op, c.bond);
    }

    function executeChallenge(uint256 engine) external {
        uint256 id = _engine(engine);
        AvailabilityChallenges.Challenge memory c = registry.challengeOf(id);
        if (id == 0 || c.deadline == 0 || block.timestamp <= c.deadline) return;
        uint256 slashed = registry.executeChallenge(id);
        ghosts.mayEarn(c.challenger, slashed);
        ghosts.mayEarn(registry.parameters().treasury, slashed);
    }

    function arbiterSlash(uint256 engine, uint256 bps) external {
        uint256 id = _engine(engine);
        if (id == 0) return;
        bps = 1 + bps % registry.parameters().maxArbiterSlashBps; // read before the prank, which the next call takes
        vm.prank(arbiter);
        uint256 slashed = registry.arbiterSlash(id, bps, "bafkreicase");
        ghosts.mayEarn(registry.parameters().treasury, slashed);
    }

    function withdrawPayout(uint256 who) external {
        address[] memory accounts = ghosts.accounts();
        if (accounts.length == 0) return;
        address account = accounts[who % accounts.length];
        uint256 owed = registry.payoutOf(account);
        if (owed == 0) return;
        vm.prank(account);
        registry.withdrawPayout();
        ghosts.paidByRegistry(account, owed);
    }

    function passTime(uint256 seconds_) external {
        vm.warp(block.timestamp + seconds_ % 3 days);
    }

    function _engine(uint256 seed) internal view returns (uint256) {
        uint256 count = registry.engineCount();
        return count == 0 ? 0 : 1 + seed % count;
    }

    function _advert(uint32 capacity, uint72 price) internal pure returns (IEngineRegistry.Advert memory) {
        return IEngineRegistry.Advert("https://e.example", "did:web:e.example", price, 30, capacity, "eu-west", "");
    }
}
