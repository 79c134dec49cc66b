// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Assertions} from "./Assertions.sol";
import {vm} from "./Vm.sol";

// The default parameters are constants that fit their fields:
// forge-lint: disable-next-item(unsafe-typecast)
/// @notice A registry and its escrow deployed with the default parameters, funded and labelled actors, and
/// builders for the inputs most tests share.
abstract contract Base is Assertions {
    /*//////////////////////////////////////////////////////////////
                               DEFAULTS
    //////////////////////////////////////////////////////////////*/

    uint256 internal constant MIN_STAKE = 1 ether;
    uint256 internal constant BOND = 0.1 ether;
    uint256 internal constant UNBONDING = 7 days;
    uint256 internal constant WINDOW = 1 hours;
    uint256 internal constant SLASH_BPS = 1_000;
    uint256 internal constant MAX_ARBITER_BPS = 2_000;
    uint256 internal constant BPS = 10_000;

    uint256 internal constant PRICE = 0.001 ether; // per hour
    uint32 internal constant CAPACITY = 10;
    uint256 internal constant DEPOSIT = 0.01 ether; // ten hours at PRICE
    uint256 internal constant MAX_DEPOSIT = type(uint80).max;
    uint256 internal constant START = 1_750_000_000; // a plausible block time, so "now - 1" never underflows
    uint256 internal constant MIN_PREPAID = 1 hours; // the smallest deposit covers an hour at the lease's price
    uint256 internal constant MOVE_WINDOW = 10 minutes;
    uint48 internal constant ADMIN_DELAY = 2 days;
    uint256 internal constant ANY_PRICE = type(uint72).max; // a pico that accepts any price
    bytes32 internal constant ENCRYPTION_KEY = keccak256("an agent's X25519 public key");

    /// @dev The pico's secp256k1 key: a pico is an account, and signs what a sponsor sends for it.
    uint256 internal constant PICO_KEY = 0xA11CE;
    string internal constant REASON_CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

    /*//////////////////////////////////////////////////////////////
                                ACTORS
    //////////////////////////////////////////////////////////////*/

    address internal admin;
    address internal operator;
    address internal otherOperator;
    address internal pico;
    address internal sponsor;
    address internal agent;
    address internal payout;
    address internal challenger;
    address internal arbiter;
    address internal treasury;
    address internal stranger;

    EngineRegistry internal registry;
    LeaseEscrow internal escrow;

    function setUp() public virtual {
        vm.warp(START);
        admin = actor("admin");
        operator = actor("operator");
        otherOperator = actor("otherOperator");
        pico = vm.addr(PICO_KEY);
        vm.label(pico, "pico");
        vm.deal(pico, 1_000 ether);
        sponsor = actor("sponsor");
        agent = actor("agent");
        payout = actor("payout");
        challenger = actor("challenger");
        arbiter = actor("arbiter");
        treasury = actor("treasury");
        stranger = actor("stranger");

        deploy(defaultParameters());
        vm.label(address(registry), "EngineRegistry");
        vm.label(address(escrow), "LeaseEscrow");
        bytes32 arbiterRole = registry.ARBITER_ROLE();
        vm.prank(admin);
        registry.grantRole(arbiterRole, arbiter);
    }

    /// @dev Deploys a registry with `p` (it deploys its escrow) in place of the current one.
    function deploy(IEngineRegistry.Parameters memory p) internal {
        registry = new EngineRegistry(admin, ADMIN_DELAY, p, type(LeaseEscrow).creationCode);
        escrow = LeaseEscrow(registry.escrow());
    }

    /// @dev A labelled account holding 1,000 ether.
    function actor(string memory name) internal returns (address account) {
        account = address(uint160(uint256(keccak256(bytes(name)))));
        vm.label(account, name);
        vm.deal(account, 1_000 ether);
    }

    /*//////////////////////////////////////////////////////////////
                               BUILDERS
    //////////////////////////////////////////////////////////////*/

    function defaultParameters() internal view returns (IEngineRegistry.Parameters memory) {
        return IEngineRegistry.Parameters({
            minStake: uint128(MIN_STAKE),
            challengeBond: uint128(BOND),
            unbondingPeriod: uint64(UNBONDING),
            challengeWindow: uint64(WINDOW),
            slashBps: uint16(SLASH_BPS),
            maxArbiterSlashBps: uint16(MAX_ARBITER_BPS),
            minPrepaidPeriod: uint32(MIN_PREPAID),
            moveWindow: uint32(MOVE_WINDOW),
            treasury: treasury
        });
    }

    function sampleAdvert() internal pure returns (IEngineRegistry.Advert memory) {
        return advertWith(PRICE, CAPACITY);
    }

    function advertWith(uint256 price, uint32 capacity) internal pure returns (IEngineRegistry.Advert memory) {
        return IEngineRegistry.Advert({
            endpoint: "https://engine.picomesh.example:8443",
            did: "did:web:engine.picomesh.example",
            pricePerHour: price,
            latencyMs: 40,
            capacity: capacity,
            region: "eu-west",
            metadataCid: "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
            encryptionKey: ENCRYPTION_KEY
        });
    }

    /// @dev A string of `length` bytes.
    function stringOf(uint256 length) internal pure returns (string memory) {
        bytes memory b = new bytes(length);
        for (uint256 i = 0; i < length; ++i) {
            b[i] = "a";
        }
        return string(b);
    }

    function ids(uint256 a) internal pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = a;
    }

    function ids(uint256 a, uint256 b) internal pure returns (uint256[] memory list) {
        list = new uint256[](2);
        list[0] = a;
        list[1] = b;
    }

    function ids(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory list) {
        list = new uint256[](3);
        list[0] = a;
        list[1] = b;
        list[2] = c;
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function register(address who, uint256 stake) internal returns (uint256) {
        return register(who, stake, sampleAdvert());
    }

    function register(address who, uint256 stake, IEngineRegistry.Advert memory a) internal returns (uint256) {
        vm.prank(who);
        return registry.register{value: stake}(a);
    }

    /// @dev The pico opens its lease on `engineId`, accepting any price.
    function openLease(uint256 engineId, uint256 deposit) internal returns (uint256) {
        vm.prank(pico);
        return escrow.openLease{value: deposit}(engineId, ANY_PRICE);
    }

    /// @dev The pico asks to move its lease to `engineId`, accepting any price.
    function requestMove(uint256 engineId) internal {
        vm.prank(pico);
        escrow.moveLease(engineId, ANY_PRICE);
    }

    function acceptMove(address who, uint256 leaseId) internal returns (uint256) {
        vm.prank(who);
        return escrow.acceptMove(leaseId);
    }

    function claim(address who, uint256 engineId, uint256[] memory leaseIds) internal returns (uint256) {
        vm.prank(who);
        return escrow.claim(engineId, leaseIds);
    }

    function openChallenge(uint256 engineId) internal returns (uint256 challengeId) {
        vm.prank(challenger);
        return registry.openChallenge{value: BOND}(engineId);
    }

    /// @dev A signature by `key` of the EIP-712 request of `typehash` (open or move) with the pico's next nonce.
    function signRequest(
        uint256 key,
        bytes32 typehash,
        address forPico,
        uint256 engineId,
        uint256 maxPrice,
        uint256 deadline
    ) internal view returns (bytes memory) {
        bytes32 structHash =
            keccak256(abi.encode(typehash, forPico, engineId, maxPrice, escrow.nonces(forPico), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", escrow.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function skip(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
    }

    /// @dev `x` mapped into [min, max] (forge-std's `bound` is not a cheatcode).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + x % (size + 1);
    }
}
