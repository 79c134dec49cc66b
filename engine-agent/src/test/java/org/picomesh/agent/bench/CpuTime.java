package org.picomesh.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds spent so far by the parts of the bench, read from /proc (Linux): this JVM (the agent daemon, and the
 * bench's light chain reads), the pico engine (node) and anvil it started, the agent's PostgreSQL (its postmaster
 * and backends), and wrk (a finished child, counted in this JVM's children's time). So a run can say where the two
 * cores went. Zero where /proc is not there.
 */
final class CpuTime {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<String, Double> seconds;
    /** This JVM's threads by name (numbers left out: "http-nio-#-exec-#"). */
    private final Map<String, Double> threads;

    private CpuTime(Map<String, Double> seconds, Map<String, Double> threads) {
        this.seconds = seconds;
        this.threads = threads;
    }

    /** Now, with the agent's PostgreSQL found through the postmaster.pid of {@code postgresData}. */
    static CpuTime now(Path postgresData) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long[] self = ticks(ProcessHandle.current().pid());
        seconds.put("agent JVM", self[0] / TICKS_PER_SECOND);
        seconds.put("wrk", self[1] / TICKS_PER_SECOND);
        ProcessHandle.current().descendants().forEach(p -> {
            String command = p.info().command().orElse("");
            String who = command.endsWith("/node") || command.equals("node") ? "pico engine"
                    : command.endsWith("/anvil") ? "anvil" : null;
            if (who != null) {
                seconds.merge(who, ticks(p.pid())[0] / TICKS_PER_SECOND, Double::sum);
            }
        });
        postmaster(postgresData).ifPresent(postgres -> Stream.concat(Stream.of(postgres), postgres.descendants())
                .forEach(p -> seconds.merge("postgres", ticks(p.pid())[0] / TICKS_PER_SECOND, Double::sum)));
        return new CpuTime(seconds, threads());
    }

    private static Map<String, Double> threads() {
        Map<String, Double> byName = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND,
                            Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            // no /proc here
        }
        return byName;
    }

    /** The JVM's busiest threads since {@code before}, e.g. "http-nio-#-exec-# 4.1 s, C2 CompilerThre# 1.2 s". */
    String threadsSince(CpuTime before) {
        StringBuilder text = new StringBuilder();
        threads.entrySet().stream()
                .map(t -> Map.entry(t.getKey(), t.getValue() - before.threads.getOrDefault(t.getKey(), 0.0)))
                .filter(t -> t.getValue() >= 0.1).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(t -> text.append(text.isEmpty() ? "" : ", ").append(t.getKey()).append(' ')
                        .append("%.1f s".formatted(t.getValue())));
        return text.toString();
    }

    /** e.g. "agent JVM 9.1 s, wrk 3.2 s, pico engine 8.7 s, anvil 0.1 s, postgres 0.2 s". */
    String since(CpuTime before) {
        StringBuilder text = new StringBuilder();
        seconds.forEach((who, now) -> text.append(text.isEmpty() ? "" : ", ").append(who).append(' ')
                .append("%.1f s".formatted(now - before.seconds.getOrDefault(who, 0.0))));
        return text.toString();
    }

    /** {own ticks, ticks of its finished and reaped children} of a process (user + system), or zeros. */
    private static long[] ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0}; // ended meanwhile, or no /proc
        }
    }

    private static java.util.Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
