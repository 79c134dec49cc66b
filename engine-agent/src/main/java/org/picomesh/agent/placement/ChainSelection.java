package org.picomesh.agent.placement;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.picomesh.contracts.endpoint.EndpointGuard;
import org.picomesh.contracts.placement.Candidate;
import org.picomesh.contracts.placement.Exclusion;
import org.picomesh.contracts.placement.HardConstraints;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.Ranking;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Where would a pico go, and why, from the chain alone: every engine's advert and registry state as the agent
 * followed them, the agent's own probes of a shortlist, and the shared {@link Ranking} (so the answer is the
 * directory's whenever both see the same figures). The shortlist is the best engines by the chain's figures alone,
 * the latency and availability constraints aside (nothing is measured yet); the final ranking then has the
 * shortlist's measurements and excludes the engines it could not measure from any latency or availability
 * constraint, as the directory excludes the engines it has not measured.
 */
@Service
@EnableConfigurationProperties(PlacementProperties.class)
public class ChainSelection {
    /** A choice and what it was made from: the block the chain was followed to, and who measured. */
    public record Where(Ranking.Result ranking, long atBlock, String source, String measuredBy) {}

    private final ChainIndex index;
    private final ProbeBook probes;
    private final int shortlist;

    ChainSelection(ChainIndex index, PlacementProperties properties, EndpointGuard guard) {
        this.index = index;
        this.probes = new ProbeBook(new LatencyProbe(properties.probeTimeout(), guard)::measure, properties.probeTtl(),
                Clock.systemUTC());
        this.shortlist = properties.shortlist();
    }

    /** Ranks for {@code policy} (defaults filled), probing the shortlist first when {@code probe}. */
    public Where select(PlacementPolicy policy, boolean probe) {
        ChainIndex.Snapshot snapshot = index.snapshot();
        List<Candidate> engines = snapshot.engines();
        if (probe) {
            engines = withMeasuredShortlist(engines, policy, snapshot);
        }
        HardConstraints constraints = HardConstraints.of(policy.constraints(), snapshot::trusted);
        return new Where(withHostListed(Ranking.select(engines, policy, constraints), engines, policy, constraints),
                snapshot.at(), "chain", probe ? "agent" : "nobody");
    }

    /**
     * The ranking with the current host among the excluded engines whenever it fails the policy: the ranking lists
     * only the first {@code maxExcluded}, and a pico must learn that its own host broke its policy even in a market
     * of thousands of engines.
     */
    static Ranking.Result withHostListed(Ranking.Result ranked, List<Candidate> engines, PlacementPolicy policy,
            HardConstraints constraints) {
        Long host = policy.currentEngine();
        if (host == null || ranked.excluded().stream().anyMatch(e -> e.id() == host)) {
            return ranked;
        }
        return engines.stream().filter(c -> c.id() == host && !constraints.passes(c)).findFirst().map(c -> {
            List<Ranking.Excluded> excluded = new ArrayList<>(ranked.excluded());
            List<Exclusion> why = constraints.exclusions(c);
            excluded.add(new Ranking.Excluded(c.id(), c.endpoint(), why.stream().map(Exclusion::reason).toList(),
                    why));
            return new Ranking.Result(ranked.candidates(), List.copyOf(excluded), ranked.excludedTotal(),
                    ranked.considered());
        }).orElse(ranked);
    }

    private List<Candidate> withMeasuredShortlist(List<Candidate> engines, PlacementPolicy policy,
            ChainIndex.Snapshot snapshot) {
        PlacementPolicy.Constraints k = policy.constraints();
        PlacementPolicy unmeasured = new PlacementPolicy(new PlacementPolicy.Constraints(k.maxPrice(),
                k.minFreeCapacity(), k.regions(), null, k.minStake(), null, k.trustList(), k.trustLists(),
                k.excludeEngines()), policy.weights(), policy.currentEngine(), policy.hysteresis(), policy.moves(),
                Math.max(policy.limit(), shortlist), 0);
        Map<Long, Candidate> byId = new HashMap<>();
        engines.forEach(c -> byId.put(c.id(), c));
        List<Candidate> listed = Ranking.select(engines, unmeasured, snapshot::trusted).candidates().stream()
                .limit(shortlist).map(r -> byId.get(r.id())).toList();
        Map<Long, Candidate> measured = new HashMap<>();
        probes.measured(listed).forEach(c -> measured.put(c.id(), c));
        if (policy.currentEngine() != null && !measured.containsKey(policy.currentEngine())
                && byId.containsKey(policy.currentEngine())) {
            probes.measured(List.of(byId.get(policy.currentEngine()))).forEach(c -> measured.put(c.id(), c));
        }
        return engines.stream().map(c -> measured.getOrDefault(c.id(), c)).toList();
    }
}
