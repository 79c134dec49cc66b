package org.picomesh.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The daemon's settings ({@code picomesh.agent.*}).
 *
 * @param engineId the engine this agent fronts, as registered
 * @param engineUrl its pico engine, on loopback behind the agent
 * @param deploymentFile where the market lives
 * @param rpcUrl the chain node, when not the deployment file's
 * @param keystore the agent (hot) key's encrypted keystore (password in PICOMESH_KEYSTORE_PASSWORD); else the key is
 *     read from PICOMESH_AGENT_KEY. Never the operator's key.
 * @param poll how often the agent reads the chain
 * @param headPoll how often the agent asks the node for its latest block number alone (one cheap call), to follow the
 *     chain as soon as a block comes rather than at the next {@code poll}: a move someone else asked for (the pico's
 *     own key, say) is then seen within this; set it to {@code poll} where each call to the node costs
 * @param engineTimeout how long the pico engine may take to answer a health check
 * @param confirmations blocks a challenge must be under before the agent acts on it (0 on a dev chain)
 * @param claimInterval how often the agent considers claiming what its leases earned
 * @param claimMinRatio it claims only when the earnings are worth at least this many times the claim's gas
 * @param forwardTimeout how long the front door waits for the pico engine's answer to a pico's event or query
 * @param maxPicos the most picos the pico engine may hold, leased or not: the advert's capacity is this minus the
 *     picos on the engine that hold no lease here (never below the leases active)
 * @param advertInterval how often the agent counts the engine's picos and measures its front door's latency
 * @param latencySamples requests timed per latency measurement (after one that opens the connection); the median is
 *     the measurement
 * @param latencyDriftMs a measurement drifts when it is off the advertised latency by more than this many ms...
 * @param latencyDriftPercent ...and by more than this percentage of the advertised latency
 * @param latencyDriftChecks consecutive drifting measurements before the latency is re-advertised: noise costs no gas
 * @param heldEventsPerPico events the front door holds for a pico while it moves; beyond, 503 with Retry-After
 * @param heldBytesPerPico bytes of held event bodies per pico; beyond, 503 with Retry-After
 * @param heldBodyLimit the largest event body held (413 beyond)
 * @param settleWait how long a pico's query waits for its move to settle before a 503 with Retry-After
 * @param movedGrace how long calls to a moved pico are still redirected or forwarded to its new host (then 410)
 * @param deliveryRetry how often held events whose delivery failed are tried again
 * @param encryptionKey the agent's X25519 key file (snapshots moving here are sealed to its public half, which the
 *     advert names); by default the one beside the keystore; password in PICOMESH_KEYSTORE_PASSWORD
 * @param movedCopyGrace how long a source keeps a moved pico's copy (marked moved) before deleting it; a move of the
 *     pico back here within it deletes the copy first (once final), then imports
 * @param movePoll how often the move worker looks for steps that are due
 * @param moveAttempts tries of a step that fails for a passing reason (an agent or engine not answering) before the
 *     move gives up on it: the target rejects, the source waits for the move window to run out
 * @param moveFinality when a move's acceptance can no longer be taken back by a reorganisation, so that the source
 *     may delete its copy of the pico: {@code finalized} (at or below the node's {@code finalized} block; anvil's is
 *     64 blocks under the head) or a number of blocks the acceptance must be under (0: at once, for a dev chain that
 *     never reorganises on its own)
 */
@ConfigurationProperties("picomesh.agent")
public record AgentProperties(
        long engineId,
        @DefaultValue("http://127.0.0.1:3000") URI engineUrl,
        @DefaultValue(".mesh/deployment.json") Path deploymentFile,
        String rpcUrl,
        Path keystore,
        @DefaultValue("500ms") Duration poll,
        @DefaultValue("100ms") Duration headPoll,
        @DefaultValue("2s") Duration engineTimeout,
        @DefaultValue("0") int confirmations,
        @DefaultValue("10m") Duration claimInterval,
        @DefaultValue("5") double claimMinRatio,
        @DefaultValue("30s") Duration forwardTimeout,
        @DefaultValue("100") long maxPicos,
        @DefaultValue("30s") Duration advertInterval,
        @DefaultValue("5") int latencySamples,
        @DefaultValue("20") long latencyDriftMs,
        @DefaultValue("25") double latencyDriftPercent,
        @DefaultValue("3") int latencyDriftChecks,
        @DefaultValue("1000") int heldEventsPerPico,
        @DefaultValue("16MB") DataSize heldBytesPerPico,
        @DefaultValue("1MB") DataSize heldBodyLimit,
        @DefaultValue("10s") Duration settleWait,
        @DefaultValue("7d") Duration movedGrace,
        @DefaultValue("1s") Duration deliveryRetry,
        Path encryptionKey,
        @DefaultValue("10m") Duration movedCopyGrace,
        @DefaultValue("500ms") Duration movePoll,
        @DefaultValue("8") int moveAttempts,
        @DefaultValue("finalized") String moveFinality) {

    /** The registry keeps capacities in 24 bits. */
    public static final long MAX_CAPACITY = (1L << 24) - 1;

    public AgentProperties {
        if (engineId <= 0) {
            throw new IllegalArgumentException("set picomesh.agent.engine-id to the engine this agent fronts (> 0)");
        }
        if (claimMinRatio < 1) {
            throw new IllegalArgumentException("picomesh.agent.claim-min-ratio must be at least 1: a claim must pay for "
                    + "its gas, not " + claimMinRatio);
        }
        if (maxPicos < 1 || maxPicos > MAX_CAPACITY) {
            throw new IllegalArgumentException("picomesh.agent.max-picos must be from 1 to " + MAX_CAPACITY + ", not "
                    + maxPicos);
        }
        if (latencySamples < 1 || latencyDriftChecks < 1 || latencyDriftMs < 0 || latencyDriftPercent < 0) {
            throw new IllegalArgumentException("picomesh.agent.latency-samples and latency-drift-checks must be at "
                    + "least 1, latency-drift-ms and latency-drift-percent at least 0");
        }
        if (heldEventsPerPico < 1 || heldBodyLimit.toBytes() < 1 || heldBytesPerPico.compareTo(heldBodyLimit) < 0) {
            throw new IllegalArgumentException("picomesh.agent.held-events-per-pico must be at least 1 and "
                    + "held-bytes-per-pico at least held-body-limit");
        }
        if (!moveFinality.matches("finalized|[0-9]{1,6}")) {
            throw new IllegalArgumentException("picomesh.agent.move-finality must be 'finalized' or a number of "
                    + "blocks, not " + moveFinality);
        }
        if (moveAttempts < 1) {
            throw new IllegalArgumentException("picomesh.agent.move-attempts must be at least 1, not " + moveAttempts);
        }
    }
}
