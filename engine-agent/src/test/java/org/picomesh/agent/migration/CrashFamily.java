package org.picomesh.agent.migration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.picomesh.agent.picoengine.TestPicos;

/**
 * A crash test's pico on engine A: the counter at 3, a child sharing its ruleset (counter at 2), a further channel, and
 * a blob of state when the test needs an export or import that takes a while. Counts the events a front door took.
 */
final class CrashFamily {
    static final long PARENT_TICKS = 3;
    static final long CHILD_TICKS = 2;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final String parent;
    final String child;
    final String channel;
    final int blob;
    /** Events a front door answered 2xx for: each must be counted on the pico's final host exactly once. */
    long accepted;

    CrashFamily(TestPicos picos, String name, int blob) {
        parent = picos.child(picos.rootEci(), name, TestPicos.COUNTER);
        for (int i = 0; i < PARENT_TICKS; i++) {
            picos.tick(parent);
        }
        child = picos.child(parent, name + "-child", TestPicos.COUNTER);
        for (int i = 0; i < CHILD_TICKS; i++) {
            picos.tick(child);
        }
        channel = picos.channel(parent, name + "-extra");
        if (blob > 0) {
            picos.event(parent, "counter", "blob_given", Map.of("blob", "x".repeat(blob)));
        }
        this.blob = blob;
    }

    /** The ECIs by which callers reach the family. */
    List<String> ecis() {
        return List.of(parent, child, channel);
    }

    /** Sends {@code n} counter/tick events to an agent's front door (POSTs, as event:send does). */
    void tick(String agent, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            try {
                int status = HTTP.send(HttpRequest.newBuilder(URI.create(agent + "/sky/event/" + parent + "/crash"
                        + System.nanoTime() + "/counter/tick")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    accepted++;
                }
            } catch (java.net.http.HttpTimeoutException e) {
                throw new AssertionError("the front door did not answer: whether it took the event is unknown", e);
            } catch (java.io.IOException e) {
                // refused: the caller sees the failure and nothing was promised
            }
        }
    }

    long expectedCount() {
        return PARENT_TICKS + accepted;
    }
}
