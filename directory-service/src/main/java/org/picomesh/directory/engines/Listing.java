package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.picomesh.contracts.placement.Candidate;

/**
 * Every engine at one moment, immutable: the rows by id, the confirmed head and minimum stake their status follows
 * from, and the trust lists. Each sort order is computed on first use and shared by every query of this moment.
 */
final class Listing {
    final ListedEngine[] rows;
    final long confirmedHead;
    final BigDecimal minStake;
    final Map<Long, Set<Long>> trustLists;
    final TextFolding folding;
    final long takenAt;
    private final Map<String, SortKey> keys = new ConcurrentHashMap<>();
    private final Map<Long, BitSet> trusted = new ConcurrentHashMap<>();
    private volatile List<Candidate> candidates;
    private volatile String[] statuses;

    Listing(Collection<ListedEngine> engines, long confirmedHead, BigDecimal minStake, Map<Long, Set<Long>> trustLists,
            TextFolding folding, long takenAt) {
        this.rows = engines.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toArray(ListedEngine[]::new);
        this.confirmedHead = confirmedHead;
        this.minStake = minStake;
        this.trustLists = trustLists;
        this.folding = folding;
        this.takenAt = takenAt;
    }

    SortKey key(String sort) {
        return keys.computeIfAbsent(sort, this::values);
    }

    /** Each row's status at this moment, by row. */
    String[] statuses() {
        String[] all = statuses;
        if (all == null) {
            all = Arrays.stream(rows).map(row -> row.status(confirmedHead, minStake)).toArray(String[]::new);
            statuses = all;
        }
        return all;
    }

    /** The rows on a trust list. */
    BitSet trusted(long list) {
        return trusted.computeIfAbsent(list, id -> {
            Set<Long> engines = trustLists.getOrDefault(id, Set.of());
            BitSet on = new BitSet(rows.length);
            for (int row = 0; row < rows.length; row++) {
                on.set(row, engines.contains(rows[row].id()));
            }
            return on;
        });
    }

    /** The placement figures of every engine, by id, as the selection API scores them. */
    List<Candidate> candidates() {
        List<Candidate> list = candidates;
        if (list == null) {
            list = Arrays.stream(rows).map(row -> row.candidate(confirmedHead, minStake)).toList();
            candidates = list;
        }
        return list;
    }

    /** Each key's values, as {@link Sort}'s SQL expressions give them (never null). */
    private SortKey values(String sort) {
        return switch (sort) {
            case "price" -> new SortKey.Exact(rows, SortKey.exact(rows, ListedEngine::price));
            case "stake" -> new SortKey.Exact(rows, SortKey.exact(rows, ListedEngine::stake));
            case "capacity" -> new SortKey.Exact(rows, SortKey.exact(rows, row -> BigDecimal.valueOf(row.freeCapacity())));
            case "score" -> new SortKey.Exact(rows, MarketScores.of(rows));
            case "latency" -> new SortKey.Measured(rows, Arrays.stream(rows)
                    .mapToDouble(row -> row.p50() == null ? 1e12 : row.p50()).toArray());
            case "availability" -> new SortKey.Measured(rows, Arrays.stream(rows)
                    .mapToDouble(row -> row.availability() == null ? -1 : row.availability()).toArray());
            default -> throw new IllegalArgumentException("no sort " + sort);
        };
    }
}
