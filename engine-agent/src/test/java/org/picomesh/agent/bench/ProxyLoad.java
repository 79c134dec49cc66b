package org.picomesh.agent.bench;

import org.picomesh.contracts.devnet.bench.CpuTime;
import org.picomesh.contracts.devnet.bench.Wrk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pico's query through the agent's front door against the same query straight to the pico engine, from wrk at 32
 * connections: a child pico created through the front door ({@code wrangler/new_child_request} on the root pico),
 * then {@code /sky/cloud/<its eci>/io.picolabs.wrangler/name}, a query the engine answers from the pico's state. A
 * warm-up of each way first, then runs alternating direct and proxied so that the shared machine's noise falls on
 * both. The proxied warm-up lasts until the JIT has compiled the proxy's path: on two cores shared with the engine and
 * wrk that takes about a minute of load, and a daemon that runs for days is measured warm, not while compiling.
 */
final class ProxyLoad {
    static final int CONNECTIONS = 32;
    private static final int WARM_UP_SECONDS = 5;
    /** The proxied warm-up ends after a 5 s slice in which the JIT compiled for less than 5 % of it... */
    private static final long SETTLED_COMPILE_MILLIS = 250;
    /** ...or after two minutes, whichever comes first. */
    private static final int MAX_WARM_UP_SLICES = 24;
    private static final int RUN_SECONDS = 10;
    private static final String PICO_NAME = "bench-pico";
    private static final Pattern ECI = Pattern.compile("\"eci\"\\s*:\\s*\"([A-Za-z0-9]+)\"");

    /** The query's path and the runs of each way, in order. */
    record Result(String path, List<Wrk.Run> direct, List<Wrk.Run> proxied) {}

    private final BenchMesh mesh;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ProxyLoad(BenchMesh mesh) {
        this.mesh = mesh;
    }

    Result measure(int runs) throws Exception {
        String path = queryPath(createPico());
        String direct = mesh.engine.url() + path;
        String proxied = mesh.agentUrl() + path;
        Wrk.run(direct, CONNECTIONS, WARM_UP_SECONDS);
        warmUp(proxied);
        List<Wrk.Run> directRuns = new ArrayList<>();
        List<Wrk.Run> proxiedRuns = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            CpuTime before = CpuTime.now(mesh.cpuParts());
            directRuns.add(Wrk.run(direct, CONNECTIONS, RUN_SECONDS));
            CpuTime between = CpuTime.now(mesh.cpuParts());
            proxiedRuns.add(Wrk.run(proxied, CONNECTIONS, RUN_SECONDS));
            CpuTime after = CpuTime.now(mesh.cpuParts());
            AgentBench.progress("run %d: direct %s; through the agent %s".formatted(run, directRuns.get(run - 1),
                    proxiedRuns.get(run - 1)));
            AgentBench.progress("  CPU direct: " + between.since(before) + "; through the agent: " + after.since(between));
            AgentBench.progress("  the agent JVM's threads through the agent: " + after.threadsSince(between));
        }
        return new Result(path, directRuns, proxiedRuns);
    }

    /** Loads the front door in 5 s slices until the JIT has settled (bounded); says how long that took. */
    private static void warmUp(String proxied) throws Exception {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        for (int slice = 1; ; slice++) {
            long compiled = jit.getTotalCompilationTime();
            Wrk.Run run = Wrk.run(proxied, CONNECTIONS, WARM_UP_SECONDS);
            long compiling = jit.getTotalCompilationTime() - compiled;
            if (compiling < SETTLED_COMPILE_MILLIS || slice == MAX_WARM_UP_SLICES) {
                AgentBench.progress("warm-up through the agent: %d s, the JIT compiled %d ms in the last 5 s (%s)%s"
                        .formatted(slice * WARM_UP_SECONDS, compiling, run, compiling < SETTLED_COMPILE_MILLIS ? ""
                                : ": not settled, measuring anyway"));
                return;
            }
        }
    }

    /** Creates a child pico of the root pico through the agent's front door; its channel's ECI. */
    private String createPico() throws Exception {
        String root = matchEci(get(mesh.engine.url() + "/api/root-eci")); // the engine's admin API: loopback only
        String created = get(mesh.agentUrl() + "/sky/event/" + root + "/bench/wrangler/new_child_request?name="
                + PICO_NAME);
        if (!created.contains("Pico_Created")) {
            throw new IllegalStateException("the engine did not create the bench's pico: " + created);
        }
        return matchEci(created); // the new pico's "eci" (its parent's is "parent_eci")
    }

    /** The query's path, checked to answer the pico's name both ways. */
    private String queryPath(String eci) throws Exception {
        String path = "/sky/cloud/" + eci + "/io.picolabs.wrangler/name";
        for (String base : List.of(mesh.engine.url(), mesh.agentUrl())) {
            String name = get(base + path);
            if (!name.equals("\"" + PICO_NAME + "\"")) {
                throw new IllegalStateException(base + path + " answered " + name + ", not the pico's name");
            }
        }
        return path;
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String matchEci(String json) {
        Matcher m = ECI.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no ECI in " + json);
        }
        return m.group(1);
    }
}
