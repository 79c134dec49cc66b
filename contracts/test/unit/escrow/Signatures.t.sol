// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../../../src/Errors.sol";
import {EngineRegistry} from "../../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../../src/LeaseEscrow.sol";
import {ILeaseEscrow} from "../../../src/interfaces/ILeaseEscrow.sol";
import {ContractPico} from "../../mocks/ContractPico.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {vm} from "../../utils/Vm.sol";

/// @notice openLeaseFor and moveLeaseFor (branches: signatures.tree): a sponsor pays the gas and the deposit of
/// what only the pico may decide, carrying the pico's EIP-712 signature of exactly that request.
contract SignaturesTest is EscrowBase {
    uint256 internal engineA; // operator's, PRICE, 1 slot
    uint256 internal engineB; // otherOperator's, PRICE, 1 slot
    uint256 internal deadline;
    bytes32 internal openTypehash;
    bytes32 internal moveTypehash;

    uint256 internal constant OTHER_KEY = 0xB0B;

    function setUp() public override {
        super.setUp();
        engineA = register(operator, MIN_STAKE, advertWith(PRICE, 1));
        engineB = register(otherOperator, MIN_STAKE, advertWith(PRICE, 1));
        deadline = block.timestamp + 1 hours;
        openTypehash = escrow.OPEN_LEASE_TYPEHASH();
        moveTypehash = escrow.MOVE_LEASE_TYPEHASH();
    }

    function _openFor(address forPico, uint256 engineId, uint256 maxPrice, bytes memory sig)
        internal
        returns (uint256)
    {
        vm.prank(sponsor);
        return escrow.openLeaseFor{value: DEPOSIT}(forPico, engineId, maxPrice, deadline, sig);
    }

    function _moveFor(uint256 engineId, uint256 maxPrice, bytes memory sig) internal {
        vm.prank(sponsor);
        escrow.moveLeaseFor(pico, engineId, maxPrice, deadline, sig);
    }

    function _signOpen(uint256 engineId, uint256 maxPrice) internal view returns (bytes memory) {
        return signRequest(PICO_KEY, openTypehash, pico, engineId, maxPrice, deadline);
    }

    function test_OpenLeaseFor_TheSponsorPaysAndTheLeaseIsThePicos() public {
        uint256 sponsorBefore = sponsor.balance;
        uint256 picoBefore = pico.balance;
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.LeaseOpened(1, engineA, pico, DEPOSIT, PRICE, 0);
        uint256 leaseId = _openFor(pico, engineA, PRICE, _signOpen(engineA, PRICE));
        assertEq(sponsor.balance, sponsorBefore - DEPOSIT, "the sponsor paid the deposit");
        assertEq(pico.balance, picoBefore, "the pico paid nothing");
        assertEq(view_(leaseId).pico, pico, "the lease is the pico's");
        assertEq(escrow.currentLease(pico).id, leaseId, "where the pico lives");
        assertEq(escrow.nonces(pico), 1, "the nonce is used up");
        assertEq(closeLease(), DEPOSIT, "the pico, not the sponsor, closes it and gets the refund");
    }

    function test_OpenLeaseFor_UntilTheDeadlineItself() public {
        bytes memory sig = _signOpen(engineA, PRICE);
        vm.warp(deadline);
        assertEq(view_(_openFor(pico, engineA, PRICE, sig)).pico, pico, "valid on its last second");
    }

    function test_MoveLeaseFor_ASponsorAsksTheMoveForThePico() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        bytes memory sig = signRequest(PICO_KEY, moveTypehash, pico, engineB, PRICE, deadline);
        vm.expectEmit(address(escrow));
        emit ILeaseEscrow.MoveRequested(leaseId, pico, engineB, PRICE, block.timestamp + MOVE_WINDOW);
        _moveFor(engineB, PRICE, sig);
        uint256 next = acceptMove(otherOperator, leaseId);
        assertEq(view_(next).pico, pico, "the moved lease is still the pico's");
        assertEq(escrow.nonces(pico), 1, "the nonce is used up");
    }

    function test_RevertWhen_AnOpenSignatureIsReplayed() public {
        bytes memory sig = _signOpen(engineA, PRICE);
        _openFor(pico, engineA, PRICE, sig);
        closeLease(); // the pico left; a sponsor must not put it back
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        _openFor(pico, engineA, PRICE, sig);
    }

    function test_RevertWhen_AMoveSignatureIsReplayed() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        bytes memory sig = signRequest(PICO_KEY, moveTypehash, pico, engineB, PRICE, deadline);
        _moveFor(engineB, PRICE, sig);
        vm.prank(otherOperator);
        escrow.rejectMove(leaseId, "no room for it");
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        _moveFor(engineB, PRICE, sig);
    }

    function test_RevertWhen_TwoRequestsShareANonceOnlyOneLands() public {
        bytes memory onA = _signOpen(engineA, PRICE);
        bytes memory onB = _signOpen(engineB, PRICE); // signed before the first one landed: same nonce
        _openFor(pico, engineA, PRICE, onA);
        closeLease();
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        _openFor(pico, engineB, PRICE, onB);
    }

    function test_RevertWhen_SignedByAnotherKey() public {
        bytes memory sig = signRequest(OTHER_KEY, openTypehash, pico, engineA, PRICE, deadline);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        _openFor(pico, engineA, PRICE, sig);
        assertEq(escrow.nonces(pico), 0, "no nonce used");
    }

    function test_RevertWhen_TheDeadlinePassed() public {
        bytes memory sig = _signOpen(engineA, PRICE);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(Errors.SignatureExpired.selector, deadline, deadline + 1));
        _openFor(pico, engineA, PRICE, sig);
    }

    function test_RevertWhen_TheSignatureIsForAnotherEngine() public {
        bytes memory sig = _signOpen(engineB, PRICE);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        _openFor(pico, engineA, PRICE, sig);
    }

    function test_RevertWhen_TheSponsorRaisesTheSignedMaxPrice() public {
        bytes memory sig = _signOpen(engineA, PRICE / 2);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        _openFor(pico, engineA, PRICE, sig);
    }

    function test_RevertWhen_TheOperatorRaisesItsPriceBeforeASponsoredOpen() public {
        bytes memory sig = _signOpen(engineA, PRICE);
        vm.prank(operator);
        registry.updateAdvert(engineA, advertWith(2 * PRICE, 1));
        vm.expectRevert(abi.encodeWithSelector(Errors.PriceAboveMax.selector, engineA, 2 * PRICE, PRICE));
        _openFor(pico, engineA, PRICE, sig);
    }

    function test_RevertWhen_AnOpenSignatureIsUsedForAMove() public {
        openLease(engineA, DEPOSIT);
        bytes memory sig = _signOpen(engineB, PRICE);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        _moveFor(engineB, PRICE, sig);
    }

    function test_RevertWhen_TheSignatureIsForAnotherPico() public {
        address pico2 = vm.addr(OTHER_KEY);
        bytes memory sig = _signOpen(engineA, PRICE);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico2));
        _openFor(pico2, engineA, PRICE, sig);
    }

    function test_RevertWhen_TheSignatureIsForAnotherEscrow() public {
        EngineRegistry otherRegistry =
            new EngineRegistry(admin, ADMIN_DELAY, defaultParameters(), type(LeaseEscrow).creationCode);
        LeaseEscrow otherEscrow = LeaseEscrow(otherRegistry.escrow());
        vm.prank(operator);
        otherRegistry.register{value: MIN_STAKE}(advertWith(PRICE, 1));
        bytes memory sig = _signOpen(engineA, PRICE); // for this escrow's domain
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, pico));
        vm.prank(sponsor);
        otherEscrow.openLeaseFor{value: DEPOSIT}(pico, engineA, PRICE, deadline, sig);
    }

    function test_RevertWhen_ASponsorOpensASecondLeaseForThePico() public {
        uint256 leaseId = openLease(engineA, DEPOSIT);
        bytes memory sig = _signOpen(engineB, PRICE);
        vm.expectRevert(abi.encodeWithSelector(Errors.PicoHasLease.selector, pico, leaseId));
        _openFor(pico, engineB, PRICE, sig);
    }

    function test_OpenLeaseFor_AContractPicoSignsWithERC1271() public {
        ContractPico wallet = new ContractPico(vm.addr(OTHER_KEY));
        bytes memory sig = signRequest(OTHER_KEY, openTypehash, address(wallet), engineA, PRICE, deadline);
        uint256 leaseId = _openFor(address(wallet), engineA, PRICE, sig);
        assertEq(view_(leaseId).pico, address(wallet), "the contract's lease");
        vm.prank(address(wallet));
        escrow.close();
        assertEq(address(wallet).balance, DEPOSIT, "refunded to the contract");
    }

    function test_RevertWhen_AContractPicoRefusesTheSignature() public {
        ContractPico wallet = new ContractPico(vm.addr(OTHER_KEY));
        bytes memory sig = signRequest(PICO_KEY, openTypehash, address(wallet), engineA, PRICE, deadline);
        vm.expectRevert(abi.encodeWithSelector(Errors.InvalidPicoSignature.selector, address(wallet)));
        _openFor(address(wallet), engineA, PRICE, sig);
    }

    function test_DomainSeparator_BindsTheEscrowAndTheChain() public view {
        bytes32 typeHash =
            keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
        bytes32 expected = keccak256(
            abi.encode(typeHash, keccak256("picomesh LeaseEscrow"), keccak256("2"), block.chainid, address(escrow))
        );
        assertEq(escrow.DOMAIN_SEPARATOR(), expected, "domain separator");
        assertEq(
            openTypehash,
            keccak256(
                "OpenLease(address pico,uint256 engineId,uint256 maxPricePerHour,uint256 nonce,uint256 deadline)"
            ),
            "open typehash"
        );
        assertEq(
            moveTypehash,
            keccak256(
                "MoveLease(address pico,uint256 toEngineId,uint256 maxPricePerHour,uint256 nonce,uint256 deadline)"
            ),
            "move typehash"
        );
    }
}
