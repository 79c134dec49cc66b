package org.picomesh.directory.picos;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.picomesh.contracts.PicoDid;
import org.picomesh.directory.api.BadRequestException;
import org.picomesh.directory.api.Metric;
import org.picomesh.directory.api.NotFoundException;
import org.picomesh.directory.chain.ChainIdentity;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a pico lives now, where it lived, and the moves between, from its leases on the chain; the rent left on its
 * lease; and what its current host reports (its policy and the reasons of its moves), labelled as unverified. A pico
 * is an account: its DID ({@code did:pkh:eip155:<chainId>:<address>}) names the address the escrow keys leases by.
 */
@RestController
@EnableConfigurationProperties(PicoProperties.class)
class PicoController {
    /**
     * Where a pico is: its current stay (null when it holds no lease), every stay, every move asked, the chain time
     * of the blocks named (ISO-8601 by block number), the rent left on the current lease (or why it is not known),
     * and its host's report (null when it holds no lease).
     */
    record Pico(String did, String address, PicoHistory.Stay current, List<PicoHistory.Stay> history,
            List<PicoHistory.Move> moves, Map<Long, Instant> blockTimes, Rent rent, String rentProblem,
            HostReport host) {}

    private final PicoHistory history;
    private final ChainIdentity chain;
    private final ChainClock clock;
    private final HostReports hosts;

    PicoController(PicoHistory history, ChainIdentity chain, ChainClock clock, HostReports hosts) {
        this.history = history;
        this.chain = chain;
        this.clock = clock;
        this.hosts = hosts;
    }

    @GetMapping("/api/picos/{did}")
    Pico pico(@PathVariable String did) {
        PicoDid pico = onThisChain(did, chain);
        List<PicoHistory.Stay> stays = leased(pico, history);
        PicoHistory.Stay current = current(stays);
        List<PicoHistory.Move> moves = history.moves(stays);
        Map<Long, Instant> times = blockTimes(stays, moves);
        Optional<Rent> rent = current == null ? Optional.empty() : rent(current, times);
        String rentProblem = current == null ? "no active lease: no rent is due"
                : rent.isEmpty() ? "rent left is unknown: the chain node did not give the block times" : null;
        HostReport host = current == null ? null : hosts.report(current.engineId(), current.endpoint(), pico.toString());
        return new Pico(pico.toString(), pico.address(), current, stays, moves, times, rent.orElse(null), rentProblem,
                host);
    }

    private Map<Long, Instant> blockTimes(List<PicoHistory.Stay> stays, List<PicoHistory.Move> moves) {
        Map<Long, Instant> times = new TreeMap<>();
        Stream.concat(stays.stream().flatMap(s -> Stream.of(s.openedBlock(), s.endedBlock())),
                moves.stream().map(PicoHistory.Move::block)).filter(b -> b != null).distinct()
                .forEach(b -> clock.blockTime(b).ifPresent(t -> times.put(b, t)));
        return times;
    }

    private Optional<Rent> rent(PicoHistory.Stay stay, Map<Long, Instant> times) {
        Instant started = times.get(stay.openedBlock());
        Optional<Instant> now = clock.now();
        if (started == null || now.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Rent.of(wei(stay.deposit()), wei(stay.paid()), wei(stay.pricePerHour()), started, now.get()));
    }

    private static BigInteger wei(Metric metric) {
        return new BigInteger(String.valueOf(metric.value()));
    }

    /** The pico a DID names, on the chain this directory indexes; else a 400 (not a DID) or a 404 saying why. */
    static PicoDid onThisChain(String did, ChainIdentity chain) {
        PicoDid pico;
        try {
            pico = PicoDid.parse(did);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (pico.chainId() != chain.chainId()) {
            throw new NotFoundException("the pico " + pico + " lives on chain " + pico.chainId()
                    + "; this directory indexes chain " + chain.chainId());
        }
        return pico;
    }

    /** The pico's stays, oldest first; a 404 when it has never held a lease. */
    static List<PicoHistory.Stay> leased(PicoDid pico, PicoHistory history) {
        List<PicoHistory.Stay> stays = history.stays(pico.address());
        if (stays.isEmpty()) {
            throw new NotFoundException("the pico " + pico + " has never held a lease");
        }
        return stays;
    }

    /** Where it lives now: its last active stay, or null. */
    static PicoHistory.Stay current(List<PicoHistory.Stay> stays) {
        return stays.stream().filter(s -> s.status().equals("active")).reduce((a, b) -> b).orElse(null);
    }
}
