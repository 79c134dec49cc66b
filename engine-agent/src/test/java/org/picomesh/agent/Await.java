package org.picomesh.agent;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The ITs' one bounded wait: polls a condition until it holds, or fails naming what it waited for and how long. */
public final class Await {
    private static final long POLL_MILLIS = 100;

    private Await() {}

    public static void until(Duration bound, String what, BooleanSupplier condition) throws InterruptedException {
        until(bound, () -> what, condition);
    }

    /** {@code what} is asked only on a timeout (it may describe the state the wait ended in). */
    public static void until(Duration bound, Supplier<String> what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound.toSeconds() + " s waiting for " + what.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
