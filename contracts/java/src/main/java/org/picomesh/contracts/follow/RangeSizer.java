package org.picomesh.contracts.follow;

/**
 * How many blocks the next range asked for spans. At most the cap: the settings' maximum, halved for good each
 * time the node refuses a range as too large. With a target, each range is sized by the latest range read to hold
 * about that many events, and after a pause (nothing read ahead) the first range is small and the next ones
 * double up to the learnt size, so that the caller starts on the first events sooner. A chain's density changes
 * (a thousand events a block, then a few): a range planned on stale figures can hold many times the events aimed
 * at, which a node answers in more than proportionate time. Shared by the reader threads.
 */
final class RangeSizer {
    /** Blocks of the first range read when nothing was learnt yet. */
    private static final long FIRST_RANGE = 10;
    /** How much smaller than the learnt size the first range after a pause is. */
    private static final long RAMP = 8;

    private final long targetEvents;
    private long cap;
    /** Blocks a range spans once the ramp is over, learnt from the latest range read. */
    private long learnt;
    /** The last block of the range {@link #learnt} came from: an earlier range ending later teaches nothing. */
    private long learntFrom = -1;
    /** Blocks the next range spans: less than {@link #learnt} while ramping up after a pause. */
    private long ramp;

    RangeSizer(long maxRange, long targetEvents) {
        this.cap = maxRange;
        this.targetEvents = targetEvents;
        this.learnt = targetEvents > 0 ? Math.min(FIRST_RANGE, maxRange) : maxRange;
        this.ramp = learnt;
    }

    synchronized long cap() {
        return cap;
    }

    /** Nothing is read ahead after block {@code after}: ranges start small again, and older reads teach nothing. */
    synchronized void restart(long after) {
        learntFrom = after;
        ramp = targetEvents > 0 ? Math.max(1, learnt / RAMP) : cap;
    }

    /** The blocks of the next range asked for. */
    synchronized long next() {
        long blocks = Math.min(cap, Math.min(ramp, learnt));
        ramp = Math.min(learnt, ramp * 2);
        return Math.max(1, blocks);
    }

    /** A range [from, to] holding {@code events} was read: the next ranges aim at the target with its density. */
    synchronized void read(long from, long to, int events) {
        if (targetEvents == 0 || to <= learntFrom) {
            return;
        }
        long blocks = to - from + 1;
        long next = events == 0 ? blocks * 2 : blocks * targetEvents / events;
        learnt = Math.max(1, Math.min(cap, Math.max(next, blocks / 4)));
        learntFrom = to;
    }

    /** The node refused {@code blocks} blocks' logs: no range asks for more than half of them from now on. */
    synchronized long refused(long blocks) {
        cap = Math.max(1, Math.min(cap, blocks / 2));
        learnt = Math.min(learnt, cap);
        return cap;
    }
}
