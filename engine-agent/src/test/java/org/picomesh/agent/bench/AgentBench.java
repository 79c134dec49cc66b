package org.picomesh.agent.bench;

import org.picomesh.contracts.devnet.bench.CpuTime;
import org.picomesh.contracts.devnet.bench.Wrk;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * {@code ./mesh bench agent}: how soon the agent daemon answers a challenge against its engine, and what its front
 * door costs a pico's query against the pico engine straight, against real parts (anvil, a pico engine, the agent
 * daemon in this JVM on its own embedded PostgreSQL, wrk).
 */
public final class AgentBench {
    /** Challenges before the measured ones: the first answers pay for class loading, the JIT and new connections. */
    private static final int CHALLENGE_WARM_UPS = 3;
    private static final int CHALLENGES = 50;
    private static final int PROXY_RUNS = 3;
    /** -Dpicomesh.bench.only=challenges or proxy runs one part, for working on it. */
    private static final String ONLY = System.getProperty("picomesh.bench.only", "all");

    private AgentBench() {}

    public static void main(String[] args) throws Exception {
        List<String> figures = new ArrayList<>();
        String setting;
        try (BenchMesh mesh = new BenchMesh()) {
            setting = "agent poll %d ms (the bench sets none: the daemon's default)".formatted(mesh.agentProperties().poll().toMillis());
            progress("the agent fronts engine " + mesh.engineId + " at " + mesh.agentUrl() + ", " + setting);
            if (!ONLY.equals("proxy")) {
                figures.addAll(challengeFigures(mesh));
            }
            if (!ONLY.equals("challenges")) {
                figures.addAll(proxyFigures(mesh));
            }
        }
        System.out.println("Engine agent benchmark, " + LocalDate.now() + " (./mesh bench agent): " + CHALLENGES
                + " challenges, " + setting + "; a /sky/cloud query at " + ProxyLoad.CONNECTIONS + " connections, "
                + PROXY_RUNS + " runs each way");
        figures.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> challengeFigures(BenchMesh mesh) throws Exception {
        ChallengeLatency challenges = new ChallengeLatency(mesh);
        progress("warming up: " + CHALLENGE_WARM_UPS + " challenges...");
        ChallengeLatency.Result warmUp = challenges.measure(CHALLENGE_WARM_UPS);
        progress("warm-up answers (s): " + rounded(warmUp.seconds()));
        progress(CHALLENGES + " challenges, one after another, each after the previous answer and a random pause...");
        CpuTime before = CpuTime.now(mesh.cpuParts());
        ChallengeLatency.Result result = challenges.measure(CHALLENGES);
        progress("CPU over the challenges: " + CpuTime.now(mesh.cpuParts()).since(before));
        progress("answers (s, in order): " + rounded(result.seconds()));
        progress("opening sent to its receipt: median %.3f s".formatted(percentile(result.sendSeconds(), 50)));
        long chainTime = mesh.chain().web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getTimestamp().longValueExact();
        progress("chain clock minus wall clock: %d s".formatted(chainTime - System.currentTimeMillis() / 1000));
        return List.of(
                figure("challenge_answer_p50_s", percentile(result.seconds(), 50), "s"),
                figure("challenge_answer_p95_s", percentile(result.seconds(), 95), "s"),
                figure("challenge_answer_min_s", percentile(result.seconds(), 0), "s"),
                figure("challenge_answer_max_s", percentile(result.seconds(), 100), "s"));
    }

    private static List<String> proxyFigures(BenchMesh mesh) throws Exception {
        progress("pico query through the agent vs straight to the engine, wrk at " + ProxyLoad.CONNECTIONS
                + " connections...");
        ProxyLoad.Result result = new ProxyLoad(mesh).measure(PROXY_RUNS);
        progress("the query: GET " + result.path());
        double directP99 = median(result.direct(), Wrk.Run::p99);
        double proxiedP99 = median(result.proxied(), Wrk.Run::p99);
        double directRps = median(result.direct(), Wrk.Run::rps);
        double proxiedRps = median(result.proxied(), Wrk.Run::rps);
        return List.of(
                figure("proxy_p99_ratio", proxiedP99 / directP99, "ratio"),
                figure("proxy_rps", proxiedRps, "req/s"),
                figure("direct_rps", directRps, "req/s"),
                figure("proxy_p99_ms", proxiedP99, "ms"),
                figure("direct_p99_ms", directP99, "ms"),
                figure("proxy_p50_ms", median(result.proxied(), Wrk.Run::p50), "ms"),
                figure("direct_p50_ms", median(result.direct(), Wrk.Run::p50), "ms"),
                figure("proxy_rps_ratio", proxiedRps / directRps, "ratio"));
    }

    /** Nearest rank: the smallest value with at least {@code p} % of the values at or under it. */
    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static double median(List<Wrk.Run> runs, ToDoubleFunction<Wrk.Run> figure) {
        return percentile(runs.stream().map(figure::applyAsDouble).toList(), 50);
    }

    private static String rounded(List<Double> seconds) {
        return seconds.stream().map(s -> "%.2f".formatted(s)).toList().toString();
    }

    private static String figure(String name, double value, String unit) {
        return "figure " + name + " " + new BigDecimal(value).setScale(value < 10 ? 2 : 1, RoundingMode.HALF_UP)
                .toPlainString() + " " + unit;
    }

    static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
