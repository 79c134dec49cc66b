// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Errors} from "../Errors.sol";
import {IEngineRegistry} from "../interfaces/IEngineRegistry.sol";

/// @title TrustLists
/// @notice Named lists of engines that anyone may create and curate. A pico's placement policy can require
/// that its host be on a list it trusts (an auditor's, a community's, its owner's own).
abstract contract TrustLists is IEngineRegistry {
    uint256 private constant MAX_NAME_LENGTH = 64;

    uint256 private _listCount;
    mapping(uint256 listId => address curator) private _curators;
    mapping(uint256 listId => mapping(uint256 engineId => bool)) private _trusted;

    /// @notice Creates a trust list curated by the caller.
    /// @param name A label for people (1-64 bytes); emitted, not stored.
    /// @return listId The new list's id, counting from 1.
    function createTrustList(string calldata name) external returns (uint256 listId) {
        Errors.requireLength("name", bytes(name).length, 1, MAX_NAME_LENGTH);
        listId = ++_listCount;
        _curators[listId] = msg.sender;
        emit TrustListCreated(listId, msg.sender, name);
    }

    /// @notice Adds an engine to, or removes it from, a list the caller curates.
    function setTrusted(uint256 listId, uint256 engineId, bool trusted) external {
        address curator = _curators[listId];
        if (curator == address(0)) revert Errors.UnknownTrustList(listId);
        if (curator != msg.sender) revert Errors.NotCurator(listId, msg.sender, curator);
        _requireEngine(engineId);
        _trusted[listId][engineId] = trusted;
        emit TrustListChanged(listId, engineId, trusted);
    }

    /// @notice Whether the list holds the engine.
    function isTrusted(uint256 listId, uint256 engineId) external view returns (bool) {
        return _trusted[listId][engineId];
    }

    /// @notice The curator of a list, or the zero address when there is no such list.
    function curatorOf(uint256 listId) external view returns (address) {
        return _curators[listId];
    }

    /// @dev Reverts with {Errors.UnknownEngine} when the engine does not exist.
    function _requireEngine(uint256 engineId) internal view virtual;
}
