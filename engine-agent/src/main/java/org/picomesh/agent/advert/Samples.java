package org.picomesh.agent.advert;

import java.util.List;

/** Medians of timings. */
final class Samples {
    private Samples() {}

    /** The median (the lower of the two middle values for an even count: a latency is not over-stated). */
    static long median(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values, no median");
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
