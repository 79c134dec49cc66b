package org.picomesh.agent.placement;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.picomesh.contracts.endpoint.EndpointGuard;
import org.picomesh.contracts.placement.Candidate;
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
        this.probes = new ProbeBook(new LatencyProbe(properties.probeTimeout(), guard), properties.probeTtl(),
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
        return new Where(Ranking.select(engines, policy, snapshot::trusted), snapshot.at(), "chain",
                probe ? "agent" : "nobody");
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
