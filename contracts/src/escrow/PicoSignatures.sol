// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Errors} from "../Errors.sol";

/// @title PicoSignatures
/// @notice EIP-712 requests signed by a pico's key, so that a sponsor can pay the gas (and the deposit) of what
/// only the pico may decide: opening and moving its lease. Each request carries the pico's next nonce and a
/// deadline; contract accounts sign through ERC-1271.
abstract contract PicoSignatures is EIP712, Nonces {
    bytes32 public constant OPEN_LEASE_TYPEHASH = keccak256(
        "OpenLease(address pico,uint256 engineId,uint256 maxPricePerHour,uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant MOVE_LEASE_TYPEHASH = keccak256(
        "MoveLease(address pico,uint256 toEngineId,uint256 maxPricePerHour,uint256 nonce,uint256 deadline)"
    );

    constructor() EIP712("picomesh LeaseEscrow", "2") {}

    /// @notice The EIP-712 domain separator of this escrow.
    // forge-lint: disable-next-line(mixed-case-function)
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev Reverts unless `pico` signed the request of `typehash` for `engineId` and `maxPricePerHour` with its
    /// next nonce, which it then uses up.
    function _checkPicoSignature(
        bytes32 typehash,
        address pico,
        uint256 engineId,
        uint256 maxPricePerHour,
        uint256 deadline,
        bytes calldata signature
    ) internal {
        if (block.timestamp > deadline) revert Errors.SignatureExpired(deadline, block.timestamp);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(typehash, pico, engineId, maxPricePerHour, _useNonce(pico), deadline))
        );
        if (!SignatureChecker.isValidSignatureNow(pico, digest, signature)) revert Errors.InvalidPicoSignature(pico);
    }
}
