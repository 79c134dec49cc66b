package org.picomesh.directory.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** The median time to the first byte of {@code times} requests. */
    public static double medianFirstByteMs(String url, int times) throws IOException, InterruptedException {
        List<Double> firstBytes = new ArrayList<>();
        for (int n = 0; n < times; n++) {
            firstBytes.add(measure(url).firstByteMs());
        }
        return median(firstBytes);
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
