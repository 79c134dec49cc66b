package org.picomesh.directory.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * An independent measurement of an endpoint: curl, a separate process with its own HTTP stack, asked for its
 * connect time and its time to the first byte. Each call is a new connection, as each of the directory's probes is.
 */
public final class Curl {
    /** One request's timings, in milliseconds: the TCP connect, and the first byte after the request was sent. */
    public record Timing(double connectMs, double firstByteMs) {}

    private Curl() {}

    public static Timing measure(String url) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "--http1.1", "--max-time", "5", "-w",
                "%{http_code} %{time_connect} %{time_pretransfer} %{time_starttransfer}", url)
                .redirectErrorStream(true).start();
        if (!curl.waitFor(10, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            throw new IOException("curl did not finish: " + url);
        }
        String[] out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split(" ");
        if (out.length != 4 || !out[0].equals("200")) {
            throw new IOException("curl " + url + " answered " + String.join(" ", out));
        }
        double connect = Double.parseDouble(out[1]) * 1000;
        // pretransfer: connected and ready to send; starttransfer: the first byte arrived
        return new Timing(connect, (Double.parseDouble(out[3]) - Double.parseDouble(out[2])) * 1000);
    }

    /**
     * One measurement, after a random pause of 50-150 ms: a pico engine answers one request at a time, so curl asking
     * back to back would keep it busy and slow the directory's probes down, not its own requests.
     */
    public static Timing measurePaced(String url) throws IOException, InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(50, 150));
        return measure(url);
    }

    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Whether the directory's figure is within 20 % + 2 ms of the independent one. */
    public static boolean agrees(double directoryMs, double independentMs) {
        return Math.abs(directoryMs - independentMs) <= 0.2 * independentMs + 2;
    }

    public static String describe(double directoryMs, double independentMs) {
        return String.format(Locale.ROOT, "directory %.2f ms, curl %.2f ms", directoryMs, independentMs);
    }
}
