// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketInvariantBase} from "./MarketInvariantBase.sol";

contract CoverageTmpTest is MarketInvariantBase {
    string[31] internal names = ["register","updateAdvert","addStake","requestUnbond","withdraw","setAgent","setPayout","transferOperator","acceptOperator","withdrawCredit","openChallenge","answerChallenge","executeChallenge","arbiterSlash","scheduleParameters","cancelParameters","applyParameters","openLease","openLeaseFor","topUp","close","expireLease","claim","moveLease","moveLeaseFor","acceptMove","rejectMove","expireMove","","",""];
    uint256[31] internal ok;
    uint256[31] internal ko;
    uint256 internal runsDone;

    /// forge-config: default.invariant.depth = 128
    /// forge-config: default.invariant.runs = 1
    function invariant_Nothing() public view {
        assertEq(store.surprises(), 0, string.concat("unpredicted: ", store.lastSurprise()));
    }

    function afterInvariant() public {
        string memory s = "";
        for (uint256 i = 0; i < 28; ++i) {
            s = string.concat(s, names[i], "=", _str(store.succeeded(names[i])), "/", _str(store.refused(names[i])), " ");
        }
        s = string.concat(s, " leases=", _str(store.leaseCount()), " engines=", _str(store.engineCount()), " t=", _str(block.timestamp - START));
        revert(s);
    }

    function _str(uint256 v) internal pure returns (string memory) {
        if (v == 0) return "0";
        bytes memory b;
        while (v != 0) { b = abi.encodePacked(bytes1(uint8(48 + v % 10)), b); v /= 10; }
        return string(b);
    }
}
