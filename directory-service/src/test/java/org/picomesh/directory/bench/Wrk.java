package org.picomesh.directory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP load from wrk (Debian's package), a separate C process on epoll: the clients cost the two cores far less
 * than a JVM load generator would, so the figure is the server's.
 */
final class Wrk {
    private static final Pattern P99 = Pattern.compile("^\\s*99%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    private Wrk() {}

    /** The p99 latency in ms of GETs spread over {@code paths}, from {@code connections} clients for {@code seconds}. */
    static double p99(String baseUrl, List<String> paths, int connections, int seconds) throws Exception {
        Path script = Files.createTempFile("wrk-", ".lua");
        String list = paths.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
        Files.writeString(script, "local paths = {" + list + "}\n"
                + "request = function() return wrk.format(\"GET\", paths[math.random(#paths)]) end\n");
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), baseUrl).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || output.contains("Non-2xx")) {
            throw new IOException("wrk failed or saw errors:\n" + output);
        }
        Matcher m = P99.matcher(output);
        if (!m.find()) {
            throw new IOException("no p99 in wrk's output:\n" + output);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
