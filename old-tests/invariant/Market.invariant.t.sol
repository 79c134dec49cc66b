// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineRegistry} from "../../src/EngineRegistry.sol";
import {LeaseEscrow} from "../../src/LeaseEscrow.sol";
import {IEngineRegistry} from "../../src/interfaces/IEngineRegistry.sol";
import {AvailabilityChallenges} from "../../src/registry/AvailabilityChallenges.sol";
import {Base} from "../utils/Base.t.sol";
import {vm} from "../utils/Vm.sol";
import {EscrowHandler} from "./handlers/EscrowHandler.sol";
import {RegistryHandler} from "./handlers/RegistryHandler.sol";
import {MarketStore} from "./stores/MarketStore.sol";

/// @notice Money is conserved and the market's rules hold whatever sequence of calls a few actors make.
/// @dev forge calls only the handlers (see {targetContracts}); the handlers never revert, they record the
/// outcome of each call against the model instead.
contract MarketInvariantTest is Base {
    MarketStore internal store;
    RegistryHandler internal registryHandler;
    EscrowHandler internal escrowHandler;
    address[] internal accounts; // the actors and the treasury

    function setUp() public override {
        super.setUp();
        // A short unbonding period, so that withdrawals happen within a run's few warps.
        IEngineRegistry.Parameters memory p = defaultParameters();
        p.unbondingPeriod = 2 hours;
        vm.prank(admin);
        registry.setParameters(p);

        address[] memory actors = new address[](4);
        actors[0] = actor("alice");
        actors[1] = actor("bob");
        actors[2] = actor("carol");
        actors[3] = actor("dave");
        accounts = actors;
        accounts.push(treasury);

        store = new MarketStore(MIN_STAKE);
        registryHandler = new RegistryHandler(registry, store, actors, admin, arbiter);
        escrowHandler = new EscrowHandler(registry, store, actors);
        vm.label(address(store), "MarketStore");
        vm.label(address(registryHandler), "RegistryHandler");
        vm.label(address(escrowHandler), "EscrowHandler");
    }

    /// @dev Read by forge: only the handlers are called at random.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](2);
        targets[0] = address(registryHandler);
        targets[1] = address(escrowHandler);
    }

    /// @notice Balance == Σ active stake + Σ unbonding + open bonds + payouts owed (treasury, forfeited bonds,
    /// rewards) for the registry, Σ escrowed deposits for the escrow: by the running totals and by the state.
    /// forge-config: default.invariant.fail-on-revert = true
    /// forge-config: default.invariant.depth = 128
    function invariant_BalancesEqualWhatTheMarketOwes() public view {
        uint256 registryOwes = store.totalStake() + store.totalUnbonding() + store.totalBonds() + store.totalPayouts();
        assertEq(address(registry).balance, registryOwes, "registry balance vs running totals");
        assertEq(address(escrow).balance, store.totalEscrowed(), "escrow balance vs running totals");
        assertEq(
            address(registry).balance + address(escrow).balance,
            registryOwes + store.totalEscrowed(),
            "market balance vs stake + unbonding + bonds + payouts + escrowed deposits"
        );

        uint256 held;
        for (uint256 id = 1; id <= registry.engineCount(); ++id) {
            EngineRegistry.EngineView memory e = registry.engine(id);
            held += e.stake + e.unbonding + registry.challengeOf(id).bond;
        }
        for (uint256 i = 0; i < accounts.length; ++i) {
            held += registry.payoutOf(accounts[i]);
        }
        assertEq(address(registry).balance, held, "registry balance vs its state");

        uint256 escrowed;
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory l = escrow.lease(id);
            escrowed += l.deposit - l.paid;
        }
        assertEq(address(escrow).balance, escrowed, "escrow balance vs its state");
    }

    /// @notice No account ever takes out more than it put in plus what it earned (bonds won, slash shares,
    /// hosting claimed), and each is sent exactly what the model says.
    /// forge-config: default.invariant.fail-on-revert = true
    /// forge-config: default.invariant.depth = 128
    function invariant_NoAccountTakesOutMoreThanItPutInPlusEarned() public view {
        for (uint256 i = 0; i < accounts.length; ++i) {
            address a = accounts[i];
            assertLe(store.tookOut(a), store.putIn(a) + store.earned(a), "took out more than put in plus earned");
            assertEq(store.tookOut(a), store.owedOut(a), "sent exactly what the model says");
            assertEq(registry.payoutOf(a), store.payoutOf(a), "payout owed");
        }
    }

    /// @notice A delisted, slashed-out or full engine never gets a new lease, opened or moved in.
    /// forge-config: default.invariant.fail-on-revert = true
    /// forge-config: default.invariant.depth = 128
    function invariant_NoNewLeaseOnADelistedOrFullEngine() public view {
        assertEq(store.leasesOnUnlistedEngines(), 0, "leases opened or moved onto an unlisted engine");
        assertEq(store.leasesOnFullEngines(), 0, "leases opened or moved onto a full engine");
        for (uint256 id = 1; id <= registry.engineCount(); ++id) {
            assertEq(registry.engine(id).activeLeases, store.engine(id).activeLeases, "active leases per engine");
        }
    }

    /// @notice A lease never pays out (claims, refund, carried on) more than went into it, and what went in
    /// is exactly what came out plus what is still escrowed.
    /// forge-config: default.invariant.fail-on-revert = true
    /// forge-config: default.invariant.depth = 128
    function invariant_NoLeasePaysOutMoreThanItsDeposit() public view {
        assertEq(escrow.leaseCount(), store.leaseCount(), "lease count");
        for (uint256 id = 1; id <= escrow.leaseCount(); ++id) {
            LeaseEscrow.LeaseView memory l = escrow.lease(id);
            MarketStore.LeaseModel memory m = store.lease(id);
            assertLe(l.paid, l.accrued, "paid within accrued");
            assertLe(l.accrued, l.deposit, "accrued within deposit");
            assertLe(m.cameOut, m.wentIn, "out within in");
            assertEq(m.wentIn, m.cameOut + l.deposit - l.paid, "in == out + escrowed");
            assertEq(l.deposit, m.deposit, "deposit");
            assertEq(l.paid, m.paid, "paid");
            assertEq(l.accrued, store.accrued(id), "accrued");
            assertEq(l.active, m.active, "active");
            assertEq(l.pricePerHour, m.price, "price kept from the opening");
            assertEq(l.engineId, m.engineId, "engine");
        }
    }

    /// @notice The registry's state is the model's: stake, unbonding, unlock, listing, challenges.
    /// forge-config: default.invariant.fail-on-revert = true
    /// forge-config: default.invariant.depth = 128
    function invariant_EnginesMatchTheModel() public view {
        assertEq(registry.engineCount(), store.engineCount(), "engine count");
        for (uint256 id = 1; id <= registry.engineCount(); ++id) {
            EngineRegistry.EngineView memory e = registry.engine(id);
            MarketStore.EngineModel memory m = store.engine(id);
            assertEq(e.operator, m.operator, "operator");
            assertEq(e.stake, m.stake, "stake");
            assertEq(e.unbonding, m.unbonding, "unbonding");
            assertEq(e.unlockAt, m.unlockAt, "unlockAt");
            assertEq(e.capacity, m.capacity, "capacity");
            assertEq(e.pricePerHour, m.price, "price");
            assertEq(e.listed, store.isListed(id), "listed iff stake >= minStake");
            AvailabilityChallenges.Challenge memory c = registry.challengeOf(id);
            assertEq(c.deadline, store.challenge(id).deadline, "challenge deadline");
            assertEq(c.challenger, store.challenge(id).challenger, "challenger");
        }
    }

    /// @notice Every call succeeded or reverted exactly as the model predicted, with the predicted error.
    /// forge-config: default.invariant.fail-on-revert = true
    /// forge-config: default.invariant.depth = 128
    function invariant_EveryOutcomeWasPredicted() public view {
        assertEq(store.surprises(), 0, string.concat("unpredicted outcome of ", store.lastSurprise()));
    }
}
