package org.picomesh.agent.whereabouts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.picomesh.agent.advert.AdvertCheck;
import org.picomesh.agent.whereabouts.WhereaboutsException.Kind;
import org.picomesh.contracts.PicoDid;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Where is the pico of a DID, from the chain alone: {@code currentLease} of its address, the lease's engine in the
 * registry, and the engine's advert in force from the registry's own events, checked against the registry's hash
 * before its endpoint is given (and the endpoint given only when it is a plain http(s) URL). Each step is reported to
 * {@code progress} as it is taken.
 */
public final class PicoResolver {
    private final Web3j web3j;
    private final EngineRegistry registry;
    private final LeaseEscrow escrow;
    private final long chainId;
    private final ChainLogs logs;

    public PicoResolver(Web3j web3j, EngineRegistry registry, LeaseEscrow escrow, long chainId, long deploymentBlock) {
        this.web3j = web3j;
        this.registry = registry;
        this.escrow = escrow;
        this.chainId = chainId;
        this.logs = new ChainLogs(web3j, deploymentBlock);
    }

    public Whereabouts resolve(String did, Consumer<String> progress) throws WhereaboutsException {
        PicoDid pico;
        try {
            pico = PicoDid.parse(did);
        } catch (IllegalArgumentException e) {
            throw new WhereaboutsException(Kind.MALFORMED_DID, e.getMessage());
        }
        if (pico.chainId() != chainId) {
            throw new WhereaboutsException(Kind.UNKNOWN_DID, "unknown DID: it names chain " + pico.chainId()
                    + ", and this market lives on chain " + chainId);
        }
        try {
            long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            progress.accept("reading the lease of " + pico.address() + " from the escrow at block " + head);
            LeaseEscrow.LeaseView lease = escrow.currentLease(pico.address()).send();
            if (lease.id.signum() == 0 || !lease.active) {
                throw noLease(pico, head);
            }
            long engineId = lease.engineId.longValueExact();
            progress.accept("lease " + lease.id + " on engine " + engineId + "; reading its advert in force");
            EngineRegistry.EngineView engine = registry.engine(lease.engineId).send();
            String endpoint = endpoint(engineId, engine.advertHash, head, progress);
            Whereabouts.PendingMove move = null;
            if (lease.moveTo.signum() > 0) {
                long to = lease.moveTo.longValueExact();
                progress.accept("a move to engine " + to + " is pending; reading its advert in force");
                move = new Whereabouts.PendingMove(to, endpoint(to, registry.engine(lease.moveTo).send().advertHash,
                        head, progress), lease.moveDeadline.longValueExact());
            }
            return new Whereabouts(pico.toString(), pico.address(), lease.id.longValueExact(), engineId, endpoint,
                    Numeric.toHexString(engine.advertHash), move, head);
        } catch (WhereaboutsException e) {
            throw e;
        } catch (Exception e) {
            throw new WhereaboutsException(Kind.CHAIN_UNREADABLE, "cannot read the chain: " + e.getMessage());
        }
    }

    private WhereaboutsException noLease(PicoDid pico, long head) throws IOException {
        String topic = Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(pico.address()), 64);
        Optional<Log> opened = logs.newest(escrow.getContractAddress(), Arrays.asList(
                EventEncoder.encode(LeaseEscrow.LEASEOPENED_EVENT), null, null, topic), head, log -> true);
        if (opened.isEmpty()) {
            return new WhereaboutsException(Kind.UNKNOWN_DID, "unknown DID: pico " + pico.address()
                    + " never leased an engine in this market");
        }
        BigInteger last = Numeric.toBigInt(opened.get().getTopics().get(1));
        return new WhereaboutsException(Kind.NO_LEASE, "pico " + pico.address() + " has no lease now (its last, "
                + "lease " + last + ", ended): it lives nowhere in the market");
    }

    /** The engine's advertised endpoint, after its advert checked against {@code hash}; null when not a usable URL. */
    private String endpoint(long engineId, byte[] hash, long head, Consumer<String> progress)
            throws IOException, WhereaboutsException {
        String topic = Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(engineId), 64);
        Optional<Log> found = logs.newest(registry.getContractAddress(), List.of(EventEncoder.encode(
                EngineRegistry.ADVERTPUBLISHED_EVENT), topic), head, log -> matches(log, hash));
        if (found.isEmpty()) {
            throw new WhereaboutsException(Kind.UNVERIFIED, "no advert of engine " + engineId + " on the chain "
                    + "hashes to " + Numeric.toHexString(hash) + ", the registry's: its endpoint cannot be trusted");
        }
        String endpoint = SafeEndpoint.of(EngineRegistry.getAdvertPublishedEventFromLog(found.get()).endpoint);
        progress.accept("engine " + engineId + "'s advert matches its on-chain hash" + (endpoint == null
                ? ", but names no usable http(s) endpoint" : ": " + endpoint));
        return endpoint;
    }

    private static boolean matches(Log log, byte[] hash) {
        EngineRegistry.AdvertPublishedEventResponse e = EngineRegistry.getAdvertPublishedEventFromLog(log);
        EngineRegistry.Advert advert = new EngineRegistry.Advert(e.endpoint, e.did, e.pricePerHour, e.latencyMs,
                e.capacity, e.region, e.metadataCid, e.encryptionKey);
        return Arrays.equals(e.advertHash, hash) && Arrays.equals(AdvertCheck.hash(advert), hash);
    }
}
