package org.picomesh.directory.indexer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.picomesh.contracts.events.MarketLog;
import org.web3j.utils.Numeric;

/**
 * Folds the market's events into engine, lease, trust-list and parameter rows. Pure: it reads and changes
 * the given {@link MarketState} and nothing else, so the same code indexes forward, rebuilds from the whole history
 * and re-derives a parameter after a reorg.
 */
final class Projector {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private Projector() {}

    static void apply(MarketLog e, MarketState state) {
        switch (e.name()) {
            case "ParameterChanged" -> parameter(e, state);
            case "TrustListCreated" -> state.newLists.put(e.id("listId"), new MarketState.TrustListRow(
                    e.id("listId"), e.text("curator"), storable(e, "name"), e.blockNumber(), e.blockHash()));
            case "TrustListChanged" -> state.trustChanges.add(new MarketState.TrustChange(
                    e.id("listId"), e.id("engineId"), (Boolean) e.args().get("trusted")));
            case "LeaseOpened", "LeaseToppedUp", "LeaseClaimed", "LeaseClosed", "MoveRequested", "MoveAccepted",
                    "MoveRejected", "MoveExpired", "MoveCancelled" -> Leases.apply(e, state);
            default -> engine(e, state);
        }
    }

    private static void engine(MarketLog e, MarketState state) {
        if (!e.args().containsKey("engineId")) {
            return; // scheduled parameters, credits: no row changes; the events stay in chain_event
        }
        EngineRow engine = state.touchEngine(e, e.id("engineId"));
        switch (e.name()) {
            case "AdvertPublished" -> advert(e, engine);
            case "EngineRegistered" -> {
                engine.operator = e.text("operator");
                engine.stake = e.number("stake");
                engine.registeredBlock = e.blockNumber();
            }
            case "StakeAdded" -> engine.stake = e.number("stake");
            case "UnbondRequested" -> {
                engine.stake = e.number("stake");
                engine.unbonding = e.number("unbonding");
                engine.unlockAt = e.number("unlockAt").longValueExact();
            }
            case "StakeWithdrawn" -> engine.unbonding = BigInteger.ZERO;
            case "EngineSlashed" -> {
                engine.stake = e.number("stake");
                engine.unbonding = e.number("unbonding");
                engine.slashed = engine.slashed.add(e.number("amount"));
            }
            case "EngineHalted" -> {
                engine.halted = true;
                engine.epoch = Math.toIntExact(e.id("epoch") + 1);
            }
            case "EngineResumed" -> engine.halted = false;
            case "ChallengeOpened" -> challengeOpened(e, engine);
            case "ChallengeAnswered", "ChallengeExecuted" -> challengeClosed(engine);
            case "AgentChanged" -> engine.agent = orEmpty(e.text("agent"));
            case "PayoutAddressChanged" -> engine.payout = orEmpty(e.text("payout"));
            case "OperatorTransferStarted" -> engine.pendingOperator = ZERO_ADDRESS.equals(e.text("to")) ? null : e.text("to");
            case "OperatorTransferred" -> { // the agent and payout address reset to the new operator
                engine.operator = e.text("to");
                engine.pendingOperator = null;
                engine.agent = "";
                engine.payout = "";
            }
            default -> throw new IllegalStateException("no projection for the engine event " + e.name());
        }
    }

    /** Counts the engine's open challenges; the latest deadline stays while any is open. */
    private static void challengeOpened(MarketLog e, EngineRow engine) {
        engine.openChallenges++;
        long deadline = e.number("deadline").longValueExact();
        engine.challengeDeadline = engine.challengeDeadline == null ? deadline : Math.max(engine.challengeDeadline, deadline);
    }

    private static void challengeClosed(EngineRow engine) {
        engine.openChallenges = Math.max(0, engine.openChallenges - 1);
        if (engine.openChallenges == 0) {
            engine.challengeDeadline = null;
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
        engine.encryptionKey = e.text("encryptionKey");
        engine.advert = AdvertBytes.of(e);
    }

    /**
     * A stranger's string as PostgreSQL's text can hold it: everything kept but NUL, which no text column takes
     * (the COPY would fail, and indexing with it); NUL becomes U+FFFD, as bytes that are not UTF-8 already did. The
     * event itself keeps the string whole, escaped in its JSON (and its exact bytes when they are not UTF-8), and the
     * engine row its advert's exact bytes
     * ({@link AdvertBytes}), which the engine page verifies and shows.
     */
    static String storable(MarketLog e, String arg) {
        return e.text(arg).replace('\0', '\uFFFD');
    }

    /** An unset key reads as empty: the engine's operator then acts for it. */
    private static String orEmpty(String address) {
        return ZERO_ADDRESS.equals(address) ? "" : address;
    }

    /** A parameter's name from its bytes32 as the event gives it. */
    static String parameterName(String hex) {
        return new String(Numeric.hexStringToByteArray(hex), StandardCharsets.US_ASCII).replace("\0", "");
    }

    private static void parameter(MarketLog e, MarketState state) {
        String name = parameterName(e.text("name"));
        state.parameters.put(name, e.number("newValue"));
        state.parameterBlocks.put(name, e.blockNumber());
        state.parameterBlockHashes.put(name, e.blockHash());
    }
}
