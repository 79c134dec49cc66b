package org.picomesh.agent.frontdoor;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.picomesh.agent.chain.AgentKey;
import org.picomesh.agent.chain.PersonalMessages;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may replay a held event to this front door: the agent of the engine the pico moved from. A replay carries the
 * source agent's EIP-191 signature ({@value #HEADER}) over its delivery key, the ECI, the chain, the escrow and a
 * digest of the event. The receiver checks that the key names the lease the pico moved here from, that the lease was
 * on the key's engine and that the signer is that engine's agent, as the chain says: nobody else can take a key first
 * and have the real replay answered as a duplicate of their event.
 */
@Component
class ReplaySignatures {
    static final String HEADER = "Picomesh-Delivery-Signature";
    /** A signer that is not the agent the cache names is looked up again, at most this often per engine. */
    private static final Duration AGENT_RECHECK = Duration.ofSeconds(10);
    /** Entries per cache: a flood of unknown leases cannot fill the heap. */
    private static final int CACHE_LIMIT = 10_000;

    private final AgentKey key;
    private final ChainConnection chain;
    private final LeaseEscrow escrow;
    private final EngineRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final Map<Long, Long> leaseEngines = new ConcurrentHashMap<>();
    private final Map<Long, Agent> agents = new ConcurrentHashMap<>();

    private record Agent(String address, Instant readAt) {}

    /** Why a replay is refused: the status to answer and what to say. */
    record Refusal(HttpStatus status, String detail) {}

    ReplaySignatures(AgentKey key, ChainConnection chain, LeaseEscrow escrow, EngineRegistry registry) {
        this.key = key;
        this.chain = chain;
        this.escrow = escrow;
        this.registry = registry;
    }

    /** This agent's signature of a replay. */
    String sign(DeliveryKey delivery, String eci, SkyRequest event) {
        return PersonalMessages.sign(message(delivery, eci, event), key.credentials());
    }

    /** Nothing when the replay is the source agent's; else why not. The route's lease is the one moved from. */
    Optional<Refusal> check(DeliveryKey delivery, String eci, long routeLease, SkyRequest event, String signature) {
        if (signature == null) {
            return refuse(HttpStatus.UNAUTHORIZED, "a replay must carry " + HEADER);
        }
        if (delivery.leaseId() != routeLease) {
            return refuse(HttpStatus.CONFLICT, "this pico did not move here from lease " + delivery.leaseId());
        }
        Optional<String> signer = PersonalMessages.signer(message(delivery, eci, event), signature);
        if (signer.isEmpty()) {
            return refuse(HttpStatus.FORBIDDEN, HEADER + " does not verify");
        }
        try {
            if (leaseEngine(delivery.leaseId()) != delivery.engineId()) {
                return refuse(HttpStatus.FORBIDDEN, "lease " + delivery.leaseId() + " was not on engine "
                        + delivery.engineId());
            }
            if (!signer.get().equals(agentOf(delivery.engineId(), signer.get()))) {
                return refuse(HttpStatus.FORBIDDEN, "the replay is not signed by the agent of engine "
                        + delivery.engineId());
            }
        } catch (Exception e) {
            return refuse(HttpStatus.SERVICE_UNAVAILABLE, "cannot read the chain to check the replay; try again");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(HttpStatus status, String detail) {
        return Optional.of(new Refusal(status, detail));
    }

    /** A lease's engine never changes: read once. */
    private long leaseEngine(long leaseId) throws Exception {
        Long known = leaseEngines.get(leaseId);
        if (known == null) {
            known = escrow.lease(BigInteger.valueOf(leaseId)).send().engineId.longValueExact();
            bounded(leaseEngines).put(leaseId, known);
        }
        return known;
    }

    /** The engine's agent; read again when it is not {@code signer} and was read a while ago (a rotated key). */
    private String agentOf(long engineId, String signer) throws Exception {
        Agent known = agents.get(engineId);
        Instant now = clock.instant();
        if (known == null || (!known.address().equals(signer) && known.readAt().plus(AGENT_RECHECK).isBefore(now))) {
            String address = registry.engine(BigInteger.valueOf(engineId)).send().agent.toLowerCase(Locale.ROOT);
            known = new Agent(address, now);
            bounded(agents).put(engineId, known);
        }
        return known.address();
    }

    private static <K, V> Map<K, V> bounded(Map<K, V> cache) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        return cache;
    }

    private String message(DeliveryKey delivery, String eci, SkyRequest event) {
        return "picomesh held event\nchain: " + chain.chainId() + "\nescrow: "
                + escrow.getContractAddress().toLowerCase(Locale.ROOT) + "\ndelivery: " + delivery + "\neci: " + eci
                + "\nevent: " + digest(event);
    }

    /** SHA-256 over the event's parts, each length-prefixed, so no two events share a digest by moving a boundary. */
    static String digest(SkyRequest event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {event.method(), event.path(), event.query(), event.contentType()}) {
                update(sha, part == null ? null : part.getBytes(StandardCharsets.UTF_8));
            }
            update(sha, event.body());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void update(MessageDigest sha, byte[] part) {
        sha.update(ByteBuffer.allocate(4).putInt(part == null ? -1 : part.length).array());
        if (part != null) {
            sha.update(part);
        }
    }
}
