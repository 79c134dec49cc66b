package org.picomesh.contracts.follow;

/**
 * How a {@link LogFollower} reads ranges ahead of its caller and sizes them. A caller that takes one step now and
 * then (the agent) reads one range of the settings' maximum on its own thread ({@link #NONE}); a caller that
 * backfills a long chain and streams range after range into one transaction (the directory) has them read
 * meanwhile, by {@code readers} threads, and sized to hold about {@code targetEvents} events each.
 *
 * @param readers threads reading ranges ahead (0: each range is read when asked for, on the caller's thread)
 * @param depth ranges held ahead of the caller at most
 * @param targetEvents events a range aims at: each range asked for is sized by the latest one read, within the
 *     settings' maximum (0: every range spans the maximum)
 */
public record ReadAhead(int readers, int depth, long targetEvents) {
    /** One range at a time, of the settings' maximum, read when asked for. */
    public static final ReadAhead NONE = new ReadAhead(0, 0, 0);

    public ReadAhead {
        if (readers < 0 || depth < 0 || targetEvents < 0 || (readers > 0) != (depth > 0)) {
            throw new IllegalArgumentException("read-ahead needs readers >= 0, depth >= 0 (both 0 or both positive)"
                    + " and targetEvents >= 0: " + readers + ", " + depth + ", " + targetEvents);
        }
    }

    boolean enabled() {
        return readers > 0;
    }

    boolean adaptive() {
        return targetEvents > 0;
    }
}
