package org.picomesh.directory.indexer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.picomesh.contracts.events.MarketLog;
import org.web3j.utils.Numeric;

/**
 * Folds the market's events into engine, lease, trust-list and parameter rows. Pure: it reads and changes
 * the given {@link MarketState} and nothing else, so the same code indexes forward and rebuilds after a reorg.
 */
final class Projector {
    private Projector() {}

    static void apply(MarketLog e, MarketState state) {
        switch (e.name()) {
            case "ParameterChanged" -> parameter(e, state);
            case "AdvertPublished" -> advert(e, touch(e, state.engine(e.id("engineId"))));
            case "EngineRegistered" -> {
                EngineRow engine = touch(e, state.engine(e.id("engineId")));
                engine.operator = e.text("operator");
                engine.stake = e.number("stake");
                engine.registeredBlock = e.blockNumber();
            }
            case "StakeAdded" -> touch(e, state.engine(e.id("engineId"))).stake = e.number("stake");
            case "UnbondRequested" -> {
                EngineRow engine = touch(e, state.engine(e.id("engineId")));
                engine.stake = e.number("stake");
                engine.unbonding = e.number("unbonding");
                engine.unlockAt = e.number("unlockAt").longValueExact();
            }
            case "StakeWithdrawn" -> touch(e, state.engine(e.id("engineId"))).unbonding = BigInteger.ZERO;
            case "ChallengeOpened" -> touch(e, state.engine(e.id("engineId"))).challengeDeadline =
                    e.number("deadline").longValueExact();
            case "ChallengeAnswered", "ChallengeExecuted" -> touch(e, state.engine(e.id("engineId"))).challengeDeadline = null;
            case "EngineSlashed" -> slashed(e, touch(e, state.engine(e.id("engineId"))));
            case "TrustListCreated" -> state.newLists.put(e.id("listId"), new MarketState.TrustListRow(
                    e.id("listId"), e.text("curator"), storable(e, "name"), e.blockNumber(), e.blockHash()));
            case "TrustListChanged" -> state.trustChanges.add(new MarketState.TrustChange(
                    e.id("listId"), e.id("engineId"), (Boolean) e.args().get("trusted")));
            case "LeaseOpened" -> opened(e, state);
            case "LeaseToppedUp" -> touch(e, state.lease(e.id("leaseId"))).deposit = e.number("deposit");
            case "LeaseClosed" -> closed(e, state);
            case "LeaseMoved" -> moved(e, state);
            default -> {
                // EngineListed, EngineDelisted, payouts and claims change no row: listing follows from stake
                // and the minimum, and the events stay in chain_event for the engine's history.
            }
        }
    }

    private static void advert(MarketLog e, EngineRow engine) {
        engine.advertHash = e.text("advertHash");
        engine.endpoint = storable(e, "endpoint");
        engine.did = storable(e, "did");
        engine.pricePerHour = e.number("pricePerHour");
        engine.latencyMs = e.number("latencyMs").longValueExact();
        engine.capacity = e.number("capacity").longValueExact();
        engine.region = storable(e, "region");
        engine.metadataCid = storable(e, "metadataCid");
    }

    /**
     * A stranger's string as PostgreSQL's text can hold it: everything kept but NUL, which no text column takes
     * (the COPY would fail, and indexing with it); NUL becomes U+FFFD, as undecodable bytes already did. The event
     * itself keeps the string whole, escaped in its JSON.
     */
    static String storable(MarketLog e, String arg) {
        return e.text(arg).replace('\0', '\uFFFD');
    }

    private static void slashed(MarketLog e, EngineRow engine) {
        BigInteger amount = e.number("amount");
        BigInteger stakeAfter = e.number("stake");
        // The slash takes active stake first and the rest from unbonding stake.
        engine.unbonding = engine.stake.add(engine.unbonding).subtract(amount).subtract(stakeAfter).max(BigInteger.ZERO);
        engine.stake = stakeAfter;
        engine.slashed = engine.slashed.add(amount);
    }

    private static void opened(MarketLog e, MarketState state) {
        LeaseRow lease = touch(e, state.lease(e.id("leaseId")));
        lease.engineId = e.id("engineId");
        lease.payer = e.text("payer");
        lease.picoDid = storable(e, "picoDid");
        lease.picoDidHash = e.text("picoDidHash");
        lease.deposit = e.number("deposit");
        lease.pricePerHour = e.number("pricePerHour");
        lease.openedBlock = e.blockNumber();
        touch(e, state.engine(lease.engineId)).activeLeases++;
    }

    private static void closed(MarketLog e, MarketState state) {
        LeaseRow lease = touch(e, state.lease(e.id("leaseId")));
        lease.status = "closed";
        lease.endedBlock = e.blockNumber();
        touch(e, state.engine(e.id("engineId"))).activeLeases--;
    }

    private static void moved(MarketLog e, MarketState state) {
        LeaseRow from = touch(e, state.lease(e.id("fromLeaseId")));
        from.status = "moved";
        from.movedTo = e.id("toLeaseId");
        LeaseRow to = touch(e, state.lease(e.id("toLeaseId")));
        to.engineId = e.id("toEngineId");
        to.payer = from.payer;
        to.picoDid = from.picoDid;
        to.picoDidHash = e.text("picoDidHash");
        to.deposit = e.number("carried");
        to.pricePerHour = e.number("pricePerHour");
        to.openedBlock = e.blockNumber();
        touch(e, state.engine(to.engineId)).activeLeases++;
    }

    private static void parameter(MarketLog e, MarketState state) {
        String name = new String(Numeric.hexStringToByteArray(e.text("name")), StandardCharsets.US_ASCII).replace("\0", "");
        state.parameters.put(name, e.number("newValue"));
        state.parameterBlocks.put(name, e.blockNumber());
        state.parameterBlockHashes.put(name, e.blockHash());
    }

    private static EngineRow touch(MarketLog e, EngineRow row) {
        row.sourceBlock = e.blockNumber();
        row.sourceBlockHash = e.blockHash();
        return row;
    }

    private static LeaseRow touch(MarketLog e, LeaseRow row) {
        row.sourceBlock = e.blockNumber();
        row.sourceBlockHash = e.blockHash();
        return row;
    }
}
