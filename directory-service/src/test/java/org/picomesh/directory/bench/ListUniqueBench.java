package org.picomesh.directory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.picomesh.contracts.devnet.bench.CpuTime;

/**
 * {@code list_unique_p99}: lists as real users ask for them, every query different. wrk builds each URL from a
 * per-connection-thread counter, so no query is ever asked twice, let alone within the list cache's lifetime:
 * every request is answered by the index, none by the cache of recent pages.
 */
final class ListUniqueBench {
    private static final int RUNS = 3;
    private static final int WARM_UP_SECONDS = 20;
    /** Each of wrk's two threads numbers its requests 2n + id: a maximum price of 2e16 plus that number, in wei. */
    private static final String SCRIPT = """
            local threads = 0
            function setup(thread)
              thread:set("id", threads)
              threads = threads + 1
            end
            local n = 0
            local sorts = {"price", "-price", "stake", "-stake", "latency", "-latency", "availability",
              "-availability", "capacity", "-capacity", "score", "-score"}
            local regions = {"eu-west", "us-east", "ap-south"}
            request = function()
              n = n + 1
              local k = n * 2 + id
              local path = "/api/engines?maxPrice=2" .. string.format("%016d", k) .. "&sort=" .. sorts[k % #sorts + 1]
                .. "&limit=" .. (10 + k % 41)
              if k % 3 == 0 then path = path .. "&minFreeCapacity=" .. (k % 4) end
              if k % 5 == 0 then path = path .. "&region=" .. regions[k % #regions + 1] end
              if k % 7 == 0 then path = path .. "&minAvailability=0." .. (k % 10) end
              if k % 11 == 0 then path = path .. "&status=listed" end
              return wrk.format("GET", path)
            end
            """;

    private static final Pattern P99 = Pattern.compile("^\\s*99%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern REQUESTS = Pattern.compile("^\\s*([0-9]+) requests in", Pattern.MULTILINE);
    /** The directory shares this JVM with the bench (idle meanwhile); wrk is reaped when each run ends. */
    private static final List<CpuTime.Part> PARTS = List.of(CpuTime.Part.thisJvm("jvm"),
            CpuTime.Part.reapedChildren("wrk"));

    /** One run: its p99 and how many requests were answered. */
    private record Run(double p99Ms, long requests) {}

    private ListUniqueBench() {}

    /**
     * The median of three p99s of 10 s of wrk at 64 connections, after a 20 s warm-up, in milliseconds. The warm-up is
     * the JIT's (a directory runs for days): with 3 s the C2 compiler still took 1.5-2 s of CPU in each measured run and
     * the first run's p99 was two to three times the others'. Its queries never come back in the runs either.
     */
    static double p99(String baseUrl) throws Exception {
        Path script = Files.createTempFile("wrk-unique-", ".lua");
        List<Double> runs = new ArrayList<>();
        try {
            Files.writeString(script, SCRIPT);
            wrk(baseUrl, script, WARM_UP_SECONDS, true);
            for (int run = 0; run < RUNS; run++) {
                CpuTime before = CpuTime.now(PARTS);
                Run measured = wrk(baseUrl, script, 10, false);
                CpuTime after = before.now();
                runs.add(measured.p99Ms());
                // CPU per request says what a change saved even on a busy machine, where the p99 mostly says how busy
                System.err.printf("bench: list_unique run %d: p99 %.2f ms, %d requests, CPU per request: JVM %.3f ms,"
                        + " wrk %.3f ms; busiest threads: %s%n", run + 1, measured.p99Ms(), measured.requests(),
                        1000 * after.seconds("jvm", before) / measured.requests(),
                        1000 * after.seconds("wrk", before) / measured.requests(), after.threadsSince(before));
            }
        } finally {
            Files.deleteIfExists(script);
        }
        System.err.println("bench: GET /api/engines, every query new, p99 of each run: " + runs + " ms");
        return runs.stream().sorted().toList().get(RUNS / 2);
    }

    /** One wrk run (as contracts' {@code Wrk}, whose Lua is a fixed list of paths): its p99 in milliseconds. */
    /** {@code warmUp}: only to compile and sort what the runs use, its timeouts (a busy machine) are no failure. */
    private static Run wrk(String baseUrl, Path script, int seconds, boolean warmUp)
            throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c64", "-d" + seconds + "s", "--latency", "-s", script.toString(),
                baseUrl).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher p99 = P99.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        boolean onlyTimeouts = output.contains("Socket errors: connect 0, read 0, write 0,");
        boolean socketErrors = output.contains("Socket errors") && !(warmUp && onlyTimeouts);
        if (wrk.waitFor() != 0 || output.contains("Non-2xx or 3xx responses") || socketErrors || !p99.find()
                || !requests.find()) {
            throw new IOException("wrk failed or saw errors:\n" + output);
        }
        double value = Double.parseDouble(p99.group(1));
        double ms = switch (p99.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        return new Run(ms, Long.parseLong(requests.group(1)));
    }
}
