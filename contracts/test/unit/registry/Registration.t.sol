// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {Errors} from "../../../src/Errors.sol";
import {IEngineRegistry} from "../../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../../utils/Base.t.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice register, updateAdvert and the engine views: engine, engineCount, hashAdvert.
contract RegistrationTest is Base {
    /*//////////////////////////////////////////////////////////////
                                REGISTER
    //////////////////////////////////////////////////////////////*/

    function test_Register_StoresTheOperatorStakeNumbersAndAdvertHash() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        uint256 id = register(operator, 2 ether, a);

        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(id, 1, "ids count from 1");
        assertEq(e.operator, operator, "operator");
        assertEq(e.stake, 2 ether, "stake");
        assertEq(e.unbonding, 0, "unbonding");
        assertEq(e.unlockAt, 0, "unlockAt");
        assertEq(e.pricePerHour, PRICE, "price");
        assertEq(e.capacity, CAPACITY, "capacity");
        assertEq(e.activeLeases, 0, "active leases");
        assertEq(e.openChallenges, 0, "open challenges");
        assertEq(e.epoch, 0, "first epoch");
        assertFalse(e.halted, "not halted");
        assertEq(e.advertHash, keccak256(abi.encode(a)), "advert hash");
        assertTrue(e.listed, "listed");
        assertEq(registry.engineCount(), 1, "engineCount");
        assertEq(address(registry).balance, 2 ether, "the registry holds the stake");
    }

    function test_Register_TheOperatorIsItsOwnAgentAndPayoutUntilItNamesOthers() public {
        uint256 id = register(operator, MIN_STAKE);
        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.agent, operator, "agent reads as the operator");
        assertEq(e.payout, operator, "payout reads as the operator");
        assertEq(e.pendingOperator, address(0), "no transfer pending");
    }

    function test_Register_EmitsRegisteredThenTheAdvert() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        vm.expectEmit(address(registry));
        emit IEngineRegistry.EngineRegistered(1, operator, MIN_STAKE);
        vm.expectEmit(address(registry));
        emit IEngineRegistry.AdvertPublished(
            1,
            keccak256(abi.encode(a)),
            a.endpoint,
            a.did,
            a.pricePerHour,
            a.latencyMs,
            a.capacity,
            a.region,
            a.metadataCid,
            a.encryptionKey
        );
        register(operator, MIN_STAKE, a);
    }

    function test_Register_OneOperatorRunsSeveralEngines() public {
        uint256 first = register(operator, MIN_STAKE);
        uint256 second = register(operator, MIN_STAKE);
        assertEq(second, first + 1, "a new id each time");
        assertEq(registry.engine(second).operator, operator, "same operator");
        assertEq(registry.engineCount(), 2, "two engines");
    }

    function test_Register_AcceptsEveryBoundaryValue() public {
        IEngineRegistry.Advert memory a = advertWith(type(uint72).max, type(uint24).max);
        a.endpoint = stringOf(256);
        a.did = stringOf(256);
        a.region = stringOf(32);
        a.metadataCid = stringOf(128);
        uint256 id = register(operator, MIN_STAKE, a);
        assertEq(registry.engine(id).pricePerHour, type(uint72).max, "largest price");
        assertEq(registry.engine(id).capacity, type(uint24).max, "largest capacity");

        a = advertWith(0, 1);
        a.endpoint = "h";
        a.did = "d";
        a.region = "";
        a.metadataCid = "";
        id = register(operator, MIN_STAKE, a);
        assertEq(registry.engine(id).advertHash, registry.hashAdvert(a), "shortest advert");
    }

    function test_RevertWhen_RegisterWithNoStake() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InsufficientStake.selector, 0, MIN_STAKE));
        register(operator, 0);
    }

    function test_RevertWhen_RegisterWithTooLittleStake() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InsufficientStake.selector, MIN_STAKE - 1, MIN_STAKE));
        register(operator, MIN_STAKE - 1);
    }

    function test_RevertWhen_RegisterWithAStakeBeyond96Bits() public {
        uint256 stake = uint256(type(uint96).max) + 1;
        vm.deal(operator, stake);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 96, stake));
        register(operator, stake);
    }

    function test_RevertWhen_EndpointIsEmpty() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        a.endpoint = "";
        _expectRegisterRevert(a, abi.encodeWithSelector(Errors.FieldLength.selector, "endpoint", 0, 1, 256));
    }

    function test_RevertWhen_EndpointIsTooLong() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        a.endpoint = stringOf(257);
        _expectRegisterRevert(a, abi.encodeWithSelector(Errors.FieldLength.selector, "endpoint", 257, 1, 256));
    }

    function test_RevertWhen_DidIsEmpty() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        a.did = "";
        _expectRegisterRevert(a, abi.encodeWithSelector(Errors.FieldLength.selector, "did", 0, 1, 256));
    }

    function test_RevertWhen_DidIsTooLong() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        a.did = stringOf(257);
        _expectRegisterRevert(a, abi.encodeWithSelector(Errors.FieldLength.selector, "did", 257, 1, 256));
    }

    function test_RevertWhen_RegionIsTooLong() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        a.region = stringOf(33);
        _expectRegisterRevert(a, abi.encodeWithSelector(Errors.FieldLength.selector, "region", 33, 0, 32));
    }

    function test_RevertWhen_MetadataCidIsTooLong() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        a.metadataCid = stringOf(129);
        _expectRegisterRevert(a, abi.encodeWithSelector(Errors.FieldLength.selector, "metadataCid", 129, 0, 128));
    }

    function test_RevertWhen_CapacityIsZero() public {
        _expectRegisterRevert(advertWith(PRICE, 0), abi.encodeWithSelector(Errors.ZeroCapacity.selector));
    }

    function test_RevertWhen_CapacityExceeds24Bits() public {
        uint32 capacity = uint32(type(uint24).max) + 1;
        _expectRegisterRevert(
            advertWith(PRICE, capacity),
            abi.encodeWithSelector(Errors.NumberTooLarge.selector, "capacity", capacity, type(uint24).max)
        );
    }

    function test_RevertWhen_PriceExceeds72Bits() public {
        uint256 price = uint256(type(uint72).max) + 1;
        _expectRegisterRevert(
            advertWith(price, 1),
            abi.encodeWithSelector(Errors.NumberTooLarge.selector, "pricePerHour", price, type(uint72).max)
        );
    }

    /// @dev Snapshots are encrypted to the advertised key: an advert without one would leave picos nothing to
    /// encrypt to.
    function test_RevertWhen_EncryptionKeyIsZero() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        a.encryptionKey = bytes32(0);
        _expectRegisterRevert(a, abi.encodeWithSelector(Errors.MissingEncryptionKey.selector));
    }

    /*//////////////////////////////////////////////////////////////
                              UPDATE ADVERT
    //////////////////////////////////////////////////////////////*/

    function test_UpdateAdvert_ReplacesPriceCapacityAndHashButNotStake() public {
        uint256 id = register(operator, 2 ether);
        IEngineRegistry.Advert memory a = advertWith(2 * PRICE, 3);
        a.endpoint = "https://moved.picomesh.example";
        a.encryptionKey = keccak256("a rotated X25519 key");
        vm.expectEmit(address(registry));
        emit IEngineRegistry.AdvertPublished(
            id,
            keccak256(abi.encode(a)),
            a.endpoint,
            a.did,
            a.pricePerHour,
            a.latencyMs,
            a.capacity,
            a.region,
            a.metadataCid,
            a.encryptionKey
        );
        vm.prank(operator);
        registry.updateAdvert(id, a);

        EngineRegistry.EngineView memory e = registry.engine(id);
        assertEq(e.pricePerHour, 2 * PRICE, "price");
        assertEq(e.capacity, 3, "capacity");
        assertEq(e.advertHash, keccak256(abi.encode(a)), "hash");
        assertEq(e.stake, 2 ether, "stake untouched");
        assertTrue(e.listed, "still listed");
    }

    function test_UpdateAdvert_ByTheAgent() public {
        uint256 id = register(operator, MIN_STAKE);
        vm.prank(operator);
        registry.setAgent(id, agent);
        IEngineRegistry.Advert memory a = advertWith(3 * PRICE, CAPACITY);
        vm.prank(agent);
        registry.updateAdvert(id, a);
        assertEq(registry.engine(id).advertHash, registry.hashAdvert(a), "the hot key keeps the advert current");
    }

    function test_RevertWhen_UpdateAdvertByAStranger() public {
        uint256 id = register(operator, MIN_STAKE);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotAgent.selector, id, stranger));
        vm.prank(stranger);
        registry.updateAdvert(id, sampleAdvert());
    }

    function test_RevertWhen_UpdateAdvertOfAnUnknownEngine() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 7));
        vm.prank(operator);
        registry.updateAdvert(7, sampleAdvert());
    }

    function test_RevertWhen_UpdateAdvertHasZeroCapacity() public {
        uint256 id = register(operator, MIN_STAKE);
        vm.expectRevert(Errors.ZeroCapacity.selector);
        vm.prank(operator);
        registry.updateAdvert(id, advertWith(PRICE, 0));
    }

    function test_RevertWhen_UpdateAdvertDropsTheEncryptionKey() public {
        uint256 id = register(operator, MIN_STAKE);
        IEngineRegistry.Advert memory a = sampleAdvert();
        a.encryptionKey = bytes32(0);
        vm.expectRevert(Errors.MissingEncryptionKey.selector);
        vm.prank(operator);
        registry.updateAdvert(id, a);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function test_HashAdvert_IsTheKeccakOfTheAbiEncodingStoredAndPublished() public {
        IEngineRegistry.Advert memory a = sampleAdvert();
        vm.recordLogs();
        uint256 id = register(operator, MIN_STAKE, a);
        bytes32 published = abi.decode(vm.getRecordedLogs()[1].data, (bytes32)); // AdvertPublished comes second

        bytes32 expected = keccak256(abi.encode(a));
        assertEq(registry.hashAdvert(a), expected, "hashAdvert");
        assertEq(registry.engine(id).advertHash, expected, "engine(id).advertHash");
        assertEq(published, expected, "AdvertPublished.advertHash");
    }

    function test_HashAdvert_CoversFieldsTheRegistryDoesNotStore() public view {
        IEngineRegistry.Advert memory a = sampleAdvert();
        IEngineRegistry.Advert memory b = sampleAdvert();
        b.latencyMs = a.latencyMs + 1;
        assertTrue(registry.hashAdvert(a) != registry.hashAdvert(b), "latency changes the hash");
        b = sampleAdvert();
        b.region = "us-east";
        assertTrue(registry.hashAdvert(a) != registry.hashAdvert(b), "region changes the hash");
    }

    /// @dev A directory that swapped the key would have picos encrypt their snapshots to someone else: the hash
    /// the registry keeps must catch it.
    function test_HashAdvert_CoversTheEncryptionKey() public view {
        IEngineRegistry.Advert memory a = sampleAdvert();
        IEngineRegistry.Advert memory b = sampleAdvert();
        b.encryptionKey = keccak256("an eavesdropper's key");
        assertTrue(registry.hashAdvert(a) != registry.hashAdvert(b), "the key changes the hash");
    }

    function test_EngineCount_IsZeroBeforeAnyRegistration() public view {
        assertEq(registry.engineCount(), 0, "no engines");
    }

    function test_RevertWhen_ViewingAnUnknownEngine() public {
        register(operator, MIN_STAKE);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 2));
        registry.engine(2);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 0));
        registry.engine(0);
    }

    function _expectRegisterRevert(IEngineRegistry.Advert memory a, bytes memory reason) private {
        vm.expectRevert(reason);
        register(operator, MIN_STAKE, a);
    }
}
