package org.picomesh.agent.placement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.picomesh.contracts.placement.PlacementPolicy;
import org.picomesh.contracts.placement.Ranking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Where a pico goes: the directory's {@code POST /api/select} when one is configured and answers, otherwise the
 * chain and the agent's own probes ({@link ChainSelection}), ranked alike; then the first candidate the chain agrees
 * with ({@link ChosenEngineCheck}) is chosen. Every answer names its source, and why the directory was not used.
 */
@Service
@EnableConfigurationProperties(DirectoryProperties.class)
public class HostSelection {
    private static final Logger log = LoggerFactory.getLogger(HostSelection.class);
    /** Candidates checked against the chain before giving up: each check is a read of the chain. */
    static final int MAX_CHECKED = 10;

    /**
     * A choice: the ranking and where it came from ({@code source} "directory" or "chain", {@code measuredBy} who
     * measured latency and availability), the engine chosen (null when none passes), the candidates ranked above it
     * that the chain disagreed with and why, and why the directory was not used (null when it was).
     */
    public record Choice(ChainSelection.Where where, Ranking.Ranked chosen, Map<Long, List<String>> setAside,
            String directoryNotUsed) {}

    private final DirectorySelection directory;
    private final ChainSelection chain;
    private final ChosenEngineCheck check;

    HostSelection(DirectoryProperties properties, ChainSelection chain, ChosenEngineCheck check) {
        this.directory = new DirectorySelection(properties);
        this.chain = chain;
        this.check = check;
    }

    /** Chooses for {@code policy} (validated, defaults filled), whose document is {@code document}. */
    public Choice choose(PlacementPolicy policy, String document, boolean probe) {
        ChainSelection.Where where;
        String notUsed = null;
        try {
            where = new ChainSelection.Where(directory.select(document == null ? "{}" : document), -1, "directory",
                    "directory");
        } catch (DirectorySelection.Unavailable e) {
            notUsed = e.getMessage();
            if (directory.configured()) {
                log.info("placement from the chain: {}", notUsed);
            }
            where = chain.select(policy, probe);
        }
        Map<Long, List<String>> setAside = new LinkedHashMap<>();
        Ranking.Ranked chosen = null;
        for (Ranking.Ranked ranked : where.ranking().candidates().stream().limit(MAX_CHECKED).toList()) {
            List<String> reasons = check.disagreements(ranked, policy);
            if (reasons.isEmpty()) {
                chosen = ranked;
                break;
            }
            setAside.put(ranked.id(), reasons);
        }
        return new Choice(where, chosen, setAside, notUsed);
    }
}
