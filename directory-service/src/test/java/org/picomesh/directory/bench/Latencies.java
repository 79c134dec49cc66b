package org.picomesh.directory.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a call from many clients at once and reports percentiles of its latency, in milliseconds. */
final class Latencies {
    private final List<Double> millis;

    private Latencies(List<Double> millis) {
        Collections.sort(millis);
        this.millis = millis;
    }

    /** {@code clients} threads each run {@code perClient} calls back to back. */
    static Latencies measure(int clients, int perClient, Callable<?> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Double>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    List<Double> mine = new ArrayList<>();
                    for (int i = 0; i < perClient; i++) {
                        long start = System.nanoTime();
                        call.call();
                        mine.add((System.nanoTime() - start) / 1e6);
                    }
                    return mine;
                }));
            }
            List<Double> all = new ArrayList<>();
            for (Future<List<Double>> future : futures) {
                all.addAll(future.get());
            }
            return new Latencies(all);
        } finally {
            pool.shutdownNow();
        }
    }

    static Latencies of(List<Double> millis) {
        return new Latencies(new ArrayList<>(millis));
    }

    double percentile(double p) {
        int index = (int) Math.ceil(p / 100 * millis.size()) - 1;
        return millis.get(Math.max(0, Math.min(index, millis.size() - 1)));
    }

    int count() {
        return millis.size();
    }
}
