package org.picomesh.agent.picoengine;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.picomesh.contracts.devnet.PicoEngineProcess;

/**
 * Two real pico engines (0.48.1, quiet) for a test class, A and B, each with the tests' own client and the agent's
 * engine client: what the engine-level ITs move picos between. A subclass's own {@code @BeforeAll} runs after these
 * are up.
 */
abstract class OnTwoEngines {
    /** The engine clients' timeout for exports and imports (a 10 MB pico included). */
    private static final Duration LONG_CALLS = Duration.ofMinutes(2);

    static PicoEngineProcess engineA;
    static PicoEngineProcess engineB;
    static TestPicos picosA;
    static TestPicos picosB;
    static PicoEngine048 a;
    static PicoEngine048 b;

    @BeforeAll
    static void startTwoEngines() throws Exception {
        engineA = PicoEngineProcess.startQuiet();
        engineB = PicoEngineProcess.startQuiet();
        picosA = new TestPicos(engineA.url());
        picosB = new TestPicos(engineB.url());
        a = new PicoEngine048(URI.create(engineA.url()), Duration.ofSeconds(5), LONG_CALLS);
        b = new PicoEngine048(URI.create(engineB.url()), Duration.ofSeconds(5), LONG_CALLS);
    }

    @AfterAll
    static void stopTwoEngines() throws Exception {
        try {
            if (engineA != null) {
                engineA.stop();
            }
        } finally {
            if (engineB != null) {
                engineB.stop();
            }
        }
    }
}
