package org.picomesh.directory.engines;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.picomesh.contracts.placement.Candidate;

/**
 * Every engine at one moment, immutable: the rows by id, the confirmed head and minimum stake their status follows
 * from, and the trust lists. Each sort order is computed on first use and shared by every query of this moment; a
 * listing that follows another ({@link #Listing(Listing, Collection, long, BigDecimal, Map, long)}) takes over what
 * the other computed for the rows that did not change, so that lists never wait for a sort of every engine again;
 * an order whose every value moved (the score, when the market's highest price or stake did) is sorted again off the
 * writer's thread ({@link #prepareOrders}), a reader of it meanwhile sharing that one sort.
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
    /** The orders in use not carried over from the previous listing: {@link #prepareOrders} sorts them. */
    private final Set<String> pending = new HashSet<>();
    /** Each row's summary as JSON, written on first use ({@link ListJson}). */
    private final AtomicReferenceArray<byte[]> json;
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
        this.json = new AtomicReferenceArray<>(rows.length);
    }

    /**
     * The listing of these engines after {@code previous}: the sort orders the previous one had computed are kept
     * current here (on the writer's thread, not a reader's), and the unchanged rows' JSON and placement figures are
     * kept where their status is the same.
     */
    Listing(Listing previous, Collection<ListedEngine> engines, long confirmedHead, BigDecimal minStake,
            Map<Long, Set<Long>> trustLists, long takenAt) {
        this(engines, confirmedHead, minStake, trustLists, previous.folding, takenAt);
        ListingChange change = ListingChange.between(previous.rows, rows);
        // the orders in use are kept current here when a change of k rows costs O(n + k log k); those that need
        // every row again (a reader was still sorting the previous listing, or every score moved) are left to
        // prepareOrders, off the writer's thread, so that the indexer never waits for a sort of every engine
        previous.keys.forEach((sort, key) -> {
            SortKey current = key.computed() ? following(sort, key, previous, change) : null;
            if (current == null) {
                pending.add(sort);
            } else {
                current.ranks();
                keys.put(sort, current);
            }
        });
        previous.pending.stream().filter(sort -> !keys.containsKey(sort)).forEach(pending::add);
        if (trustLists == previous.trustLists && change.samePlaces) {
            trusted.putAll(previous.trusted);
        }
        boolean[] sameSummary = sameSummaries(previous, change);
        for (int row = 0; row < rows.length; row++) {
            if (sameSummary[row]) {
                json.set(row, previous.json.get(change.previousOf[row]));
            }
        }
        if (previous.statuses != null) {
            statuses();
        }
        List<Candidate> before = previous.candidates;
        if (before != null) {
            candidates = IntStream.range(0, rows.length).mapToObj(row -> sameSummary[row]
                    ? before.get(change.previousOf[row]) : rows[row].candidate(confirmedHead, minStake)).toList();
        }
    }

    SortKey key(String sort) {
        return keys.computeIfAbsent(sort, this::values);
    }

    /** Whether some order in use is to be sorted again ({@link #prepareOrders}). */
    boolean ordersPending() {
        return !pending.isEmpty();
    }

    /** Sorts the orders in use that this listing could not carry over, unless a reader already did. */
    void prepareOrders() {
        pending.forEach(sort -> key(sort).ranks());
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

    /** The row's summary as JSON if it was written before, else null. */
    byte[] json(int row) {
        return json.get(row);
    }

    void json(int row, byte[] summary) {
        json.set(row, summary);
    }

    /** Whether each row is unchanged and shows the same status (and confirmation) at this moment as before. */
    private boolean[] sameSummaries(Listing previous, ListingChange change) {
        boolean sameMoment = confirmedHead == previous.confirmedHead && minStake.equals(previous.minStake);
        boolean[] same = new boolean[rows.length];
        for (int row = 0; row < rows.length; row++) {
            ListedEngine engine = rows[row];
            same[row] = change.previousOf[row] >= 0 && (sameMoment
                    || (engine.sourceBlock() <= confirmedHead) == (engine.sourceBlock() <= previous.confirmedHead)
                    && engine.status(confirmedHead, minStake).equals(engine.status(previous.confirmedHead,
                            previous.minStake)));
        }
        return same;
    }

    /**
     * The previous listing's key for these rows: unchanged rows keep their values and their order among themselves;
     * null when every row's value moved (the score, once the market's highest price or stake is not what it was).
     */
    private SortKey following(String sort, SortKey previousKey, Listing previous, ListingChange change) {
        if (sort.equals("score")) {
            BigDecimal[] scores = MarketScores.following(rows, previous.rows,
                    ((SortKey.Exact) previousKey).values(), change);
            return scores == null ? null : new SortKey.Exact(rows, scores).following(previousKey, change);
        }
        return values(sort).following(previousKey, change);
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
