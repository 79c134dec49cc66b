// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Vm} from "./Vm.sol";

/// @notice A market with the default parameters and funded, labelled actors.
abstract contract Base {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 internal constant MIN_STAKE = 1 ether;
    uint256 internal constant BOND = 0.1 ether;
    uint256 internal constant UNBONDING = 7 days;
    uint256 internal constant WINDOW = 1 hours;
    uint256 internal constant SLASH_BPS = 1_000;
    uint256 internal constant MAX_ARBITER_BPS = 2_000;
    uint256 internal constant PRICE = 0.001 ether;

    address internal admin = _actor(1, "admin");
    address internal operator = _actor(2, "operator");
    address internal otherOperator = _actor(3, "otherOperator");
    address internal payer = _actor(4, "payer");
    address internal challenger = _actor(5, "challenger");
    address internal arbiter = _actor(6, "arbiter");
    address internal treasury = _actor(7, "treasury");
    address internal stranger = _actor(8, "stranger");

    EngineRegistry internal registry;
    LeaseEscrow internal escrow;

    function setUp() public virtual {
        registry = new EngineRegistry(admin, defaultParameters());
        escrow = registry.escrow();
        bytes32 arbiterRole = registry.ARBITER_ROLE();
        vm.prank(admin);
        registry.grantRole(arbiterRole, arbiter);
    }

    function defaultParameters() internal view returns (IEngineRegistry.Parameters memory) {
        return IEngineRegistry.Parameters({
            minStake: uint128(MIN_STAKE),
            challengeBond: uint128(BOND),
            unbondingPeriod: uint64(UNBONDING),
            challengeWindow: uint64(WINDOW),
            slashBps: uint16(SLASH_BPS),
            maxArbiterSlashBps: uint16(MAX_ARBITER_BPS),
            treasury: treasury
        });
    }

    function advert() internal pure returns (IEngineRegistry.Advert memory) {
        return advertWith(PRICE, 10);
    }

    function advertWith(uint256 price, uint32 capacity) internal pure returns (IEngineRegistry.Advert memory) {
        return IEngineRegistry.Advert({
            endpoint: "https://engine.picomesh.example:8443",
            did: "did:web:engine.picomesh.example",
            pricePerHour: price,
            latencyMs: 40,
            capacity: capacity,
            region: "eu-west",
            metadataCid: "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"
        });
    }

    function _register(address who, uint256 stake) internal returns (uint256) {
        return _register(who, stake, advert());
    }

    function _register(address who, uint256 stake, IEngineRegistry.Advert memory a) internal returns (uint256) {
        vm.prank(who);
        return registry.register{value: stake}(a);
    }

    function _open(uint256 engineId, uint256 deposit) internal returns (uint256) {
        vm.prank(payer);
        return escrow.openLease{value: deposit}(engineId, "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH");
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + x % (max - min + 1);
    }

    function _actor(uint256 key, string memory name) private returns (address account) {
        account = vm.addr(key);
        vm.label(account, name);
        vm.deal(account, 1_000_000 ether);
    }

    function _string(uint256 length) internal pure returns (string memory) {
        bytes memory b = new bytes(length);
        for (uint256 i = 0; i < length; ++i) {
            b[i] = "a";
        }
        return string(b);
    }
}
