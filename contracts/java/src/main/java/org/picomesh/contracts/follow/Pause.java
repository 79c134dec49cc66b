package org.picomesh.contracts.follow;

import java.time.Duration;

/** Waits between attempts; tests record the waits instead. */
@FunctionalInterface
interface Pause {
    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

    void pause(Duration duration) throws InterruptedException;
}
