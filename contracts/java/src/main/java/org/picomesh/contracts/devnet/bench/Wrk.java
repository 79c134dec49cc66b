package org.picomesh.contracts.devnet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP load from wrk (Debian's package), a separate C process on epoll: on two shared cores a JVM load generator
 * would take the cores the servers under test need, so the figures are the servers'.
 */
public final class Wrk {
    private static final Pattern RPS = Pattern.compile("^Requests/sec:\\s+([0-9.]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses|Socket errors");

    /** One run: requests per second and latency percentiles in milliseconds. */
    public record Run(double rps, double p50, double p99) {
        @Override
        public String toString() {
            return "%.0f req/s, p50 %.2f ms, p99 %.2f ms".formatted(rps, p50, p99);
        }
    }

    private Wrk() {}

    /** GETs of {@code url} from {@code connections} keep-alive connections on two threads for {@code seconds}. */
    public static Run run(String url, int connections, int seconds) throws IOException, InterruptedException {
        return run(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", url));
    }

    /** GETs spread at random over {@code paths} of {@code baseUrl}, otherwise as {@link #run(String, int, int)}. */
    public static Run run(String baseUrl, List<String> paths, int connections, int seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-", ".lua");
        try {
            String list = paths.stream().map(p -> "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(", "));
            Files.writeString(script, "local paths = {" + list + "}\n"
                    + "request = function() return wrk.format(\"GET\", paths[math.random(#paths)]) end\n");
            return run(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                    script.toString(), baseUrl));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || ERRORS.matcher(output).find()) {
            throw new IOException("wrk failed or saw errors (is Debian's wrk installed?):\n" + output);
        }
        return new Run(number(RPS, output), percentile("50", output), percentile("99", output));
    }

    private static double percentile(String which, String output) throws IOException {
        Matcher m = Pattern.compile("^\\s*" + which + "%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            throw new IOException("no " + which + "th percentile in wrk's output:\n" + output);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(Pattern pattern, String output) throws IOException {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IOException("no " + pattern + " in wrk's output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }
}
