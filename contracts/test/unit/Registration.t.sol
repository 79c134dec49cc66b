// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../src/Errors.sol";
import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {Base} from "../utils/Base.t.sol";

contract RegistrationTest is Base {
    function test_RegisterStoresTheNumbersAndTheAdvertHash() public {
        IEngineRegistry.Advert memory a = advert();
        uint256 id = _register(operator, 2 ether, a);

        EngineRegistry.EngineView memory e = registry.engine(id);
        vm.assertEq(id, 1, "ids count from 1");
        vm.assertEq(e.operator, operator, "operator");
        vm.assertEq(e.stake, 2 ether, "stake");
        vm.assertEq(e.pricePerHour, PRICE, "price");
        vm.assertEq(e.capacity, 10, "capacity");
        vm.assertEq(e.advertHash, keccak256(abi.encode(a)), "advert hash");
        vm.assertEq(e.advertHash, registry.hashAdvert(a), "hashAdvert");
        vm.assertTrue(e.listed, "listed");
        vm.assertEq(registry.engineCount(), 1, "count");
        vm.assertEq(address(registry).balance, 2 ether, "stake held");
    }

    function test_RegisterEmitsTheAdvertForIndexers() public {
        IEngineRegistry.Advert memory a = advert();
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.AdvertPublished(
            1, keccak256(abi.encode(a)), a.endpoint, a.did, a.pricePerHour, a.latencyMs, a.capacity, a.region, a.metadataCid
        );
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.EngineRegistered(1, operator, 1 ether);
        vm.expectEmit(true, true, true, true);
        emit IEngineRegistry.EngineListed(1);
        _register(operator, 1 ether, a);
    }

    function test_OneOperatorRunsSeveralEngines() public {
        uint256 first = _register(operator, 1 ether);
        uint256 second = _register(operator, 1 ether);
        vm.assertEq(second, first + 1, "a new id");
        vm.assertEq(registry.operatorOf(second), operator, "same operator");
    }

    function test_RevertWhen_NoStake() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InsufficientStake.selector, 0, MIN_STAKE));
        _register(operator, 0);
    }

    function test_RevertWhen_TooLittleStake() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.InsufficientStake.selector, MIN_STAKE - 1, MIN_STAKE));
        _register(operator, MIN_STAKE - 1);
    }

    function test_RevertWhen_EndpointEmpty() public {
        IEngineRegistry.Advert memory a = advert();
        a.endpoint = "";
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "endpoint", 0, 1, 256));
        _register(operator, 1 ether, a);
    }

    function test_RevertWhen_EndpointTooLong() public {
        IEngineRegistry.Advert memory a = advert();
        a.endpoint = _string(257);
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "endpoint", 257, 1, 256));
        _register(operator, 1 ether, a);
    }

    function test_RegisterAcceptsAnEndpointOfExactly256Bytes() public {
        IEngineRegistry.Advert memory a = advert();
        a.endpoint = _string(256);
        _register(operator, 1 ether, a);
    }

    function test_RevertWhen_DidEmpty() public {
        IEngineRegistry.Advert memory a = advert();
        a.did = "";
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "did", 0, 1, 256));
        _register(operator, 1 ether, a);
    }

    function test_RevertWhen_DidTooLong() public {
        IEngineRegistry.Advert memory a = advert();
        a.did = _string(300);
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "did", 300, 1, 256));
        _register(operator, 1 ether, a);
    }

    function test_RevertWhen_RegionTooLong() public {
        IEngineRegistry.Advert memory a = advert();
        a.region = _string(33);
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "region", 33, 0, 32));
        _register(operator, 1 ether, a);
    }

    function test_RevertWhen_MetadataCidTooLong() public {
        IEngineRegistry.Advert memory a = advert();
        a.metadataCid = _string(129);
        vm.expectRevert(abi.encodeWithSelector(Errors.FieldLength.selector, "metadataCid", 129, 0, 128));
        _register(operator, 1 ether, a);
    }

    function test_RevertWhen_CapacityZero() public {
        vm.expectRevert(Errors.ZeroCapacity.selector);
        _register(operator, 1 ether, advertWith(PRICE, 0));
    }

    function test_RevertWhen_CapacityOver24Bits() public {
        uint32 capacity = uint32(type(uint24).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(Errors.NumberTooLarge.selector, "capacity", capacity, type(uint24).max));
        _register(operator, 1 ether, advertWith(PRICE, capacity));
    }

    function test_RevertWhen_PriceOver72Bits() public {
        uint256 price = uint256(type(uint72).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(Errors.NumberTooLarge.selector, "pricePerHour", price, type(uint72).max));
        _register(operator, 1 ether, advertWith(price, 1));
    }

    function test_UpdateAdvertReplacesNumbersAndHash() public {
        uint256 id = _register(operator, 1 ether);
        IEngineRegistry.Advert memory a = advertWith(2 * PRICE, 3);
        a.endpoint = "https://moved.picomesh.example";
        vm.prank(operator);
        registry.updateAdvert(id, a);

        EngineRegistry.EngineView memory e = registry.engine(id);
        vm.assertEq(e.pricePerHour, 2 * PRICE, "price");
        vm.assertEq(e.capacity, 3, "capacity");
        vm.assertEq(e.advertHash, keccak256(abi.encode(a)), "hash");
    }

    function test_RevertWhen_NonOperatorUpdates() public {
        uint256 id = _register(operator, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(Errors.NotOperator.selector, id, stranger, operator));
        vm.prank(stranger);
        registry.updateAdvert(id, advert());
    }

    function test_RevertWhen_UpdateHasBadInput() public {
        uint256 id = _register(operator, 1 ether);
        vm.expectRevert(Errors.ZeroCapacity.selector);
        vm.prank(operator);
        registry.updateAdvert(id, advertWith(PRICE, 0));
    }

    function test_RevertWhen_EngineUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 42));
        registry.engine(42);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 0));
        registry.operatorOf(0);
        vm.expectRevert(abi.encodeWithSelector(Errors.UnknownEngine.selector, 7));
        vm.prank(operator);
        registry.updateAdvert(7, advert());
    }
}
