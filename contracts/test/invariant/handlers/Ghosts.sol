// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Running totals the handlers keep, for the invariants to check against the contracts' own state.
contract Ghosts {
    uint256 public registryIn;
    uint256 public registryOut;
    uint256 public escrowIn;
    uint256 public escrowOut;
    /// @notice A lease was opened, or a lease moved, onto an engine that was not listed.
    bool public leasedAnUnlistedEngine;

    mapping(address account => uint256) public putIn;
    mapping(address account => uint256) public tookOut;
    /// @notice An upper bound of what an account can have earned: deposits on its engines' leases,
    /// bonds forfeited to it, slashes it caused or received.
    mapping(address account => uint256) public earnedCap;
    mapping(uint256 leaseId => uint256) public deposited;
    mapping(uint256 leaseId => uint256) public leftLease;

    address[] internal _accounts;
    mapping(address => bool) internal _known;

    function accounts() external view returns (address[] memory) {
        return _accounts;
    }

    function paidToRegistry(address from, uint256 amount) external {
        _know(from);
        registryIn += amount;
        putIn[from] += amount;
    }

    function paidByRegistry(address to, uint256 amount) external {
        _know(to);
        registryOut += amount;
        tookOut[to] += amount;
    }

    function paidToEscrow(address from, uint256 leaseId, uint256 amount) external {
        _know(from);
        escrowIn += amount;
        putIn[from] += amount;
        deposited[leaseId] += amount;
    }

    function paidByEscrow(address to, uint256 leaseId, uint256 amount) external {
        _know(to);
        escrowOut += amount;
        tookOut[to] += amount;
        leftLease[leaseId] += amount;
    }

    function carried(uint256 fromLease, uint256 toLease, uint256 amount) external {
        leftLease[fromLease] += amount;
        deposited[toLease] += amount;
    }

    function mayEarn(address account, uint256 amount) external {
        _know(account);
        earnedCap[account] += amount;
    }

    function flagUnlistedLease() external {
        leasedAnUnlistedEngine = true;
    }

    function _know(address account) private {
        if (!_known[account]) {
            _known[account] = true;
            _accounts.push(account);
        }
    }
}
