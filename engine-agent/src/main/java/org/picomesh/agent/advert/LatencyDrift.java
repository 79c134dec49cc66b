package org.picomesh.agent.advert;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Hysteresis between the latency measured and the latency advertised: a measurement drifts when it is off the
 * advertised latency by more than {@code thresholdMs} <em>and</em> by more than {@code thresholdPercent} of it (the
 * absolute bound keeps small latencies from flapping on a few ms, the relative one keeps large ones from flapping on
 * jitter), and only {@code checks} drifting measurements in a row, all on the same side, earn a re-advert: one
 * measurement within the thresholds, or one on the other side, starts the count again. What is re-advertised is the
 * median of the drifting streak, so one outlier does not become the advert either. Not thread-safe: the advert
 * keeper calls it from its one scheduled task.
 */
final class LatencyDrift {
    private final long thresholdMs;
    private final double thresholdPercent;
    private final int checks;
    private final List<Long> streak = new ArrayList<>();
    /** The advertised latency the streak was measured against: a new advert starts a new streak. */
    private long streakAgainst = -1;
    private int streakSide;

    LatencyDrift(long thresholdMs, double thresholdPercent, int checks) {
        this.thresholdMs = thresholdMs;
        this.thresholdPercent = thresholdPercent;
        this.checks = checks;
    }

    /** Records one measurement against the advert; the latency to advertise once the drift has lasted, else nothing. */
    OptionalLong observe(long advertisedMs, long measuredMs) {
        int side = Long.signum(measuredMs - advertisedMs);
        if (!drifts(advertisedMs, measuredMs) || advertisedMs != streakAgainst || side != streakSide) {
            streak.clear();
        }
        if (!drifts(advertisedMs, measuredMs)) {
            return OptionalLong.empty();
        }
        streakAgainst = advertisedMs;
        streakSide = side;
        streak.add(measuredMs);
        if (streak.size() < checks) {
            return OptionalLong.empty();
        }
        long median = Samples.median(streak);
        streak.clear();
        return OptionalLong.of(median);
    }

    /** How many drifting measurements in a row so far. */
    int drifting() {
        return streak.size();
    }

    boolean drifts(long advertisedMs, long measuredMs) {
        long off = Math.abs(measuredMs - advertisedMs);
        return off > thresholdMs && off * 100.0 > thresholdPercent * advertisedMs;
    }
}
