package org.picomesh.directory.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds spent so far by this JVM (and how long its JIT compiled), PostgreSQL's processes and anvil, read
 * from /proc (Linux), so that a bench can say where a run's cores went. Zero where /proc is not there.
 */
final class CpuTime {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final String SELF = String.valueOf(ProcessHandle.current().pid());

    private record Process(String who, double seconds) {}

    /** By process id: processes started meanwhile count whole, those that ended are left out. */
    private final Map<String, Process> processes;

    /** Milliseconds this JVM's JIT spent compiling so far. */
    private final long compilingMillis;

    /** CPU seconds of this JVM's threads by name, when -Dpicomesh.bench.threads=true. */
    private final Map<String, Double> threads = threads();

    private CpuTime(Map<String, Process> processes) {
        this.processes = processes;
        this.compilingMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    static CpuTime now() {
        Map<String, Process> seconds = new LinkedHashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                    String who = p.getFileName().toString().equals(SELF) ? "jvm"
                            : comm.startsWith("postgres") ? "postgres" : comm.startsWith("anvil") ? "anvil" : null;
                    if (who != null) {
                        seconds.put(p.getFileName().toString(), new Process(who, cpu));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            // no /proc here
        }
        return new CpuTime(seconds);
    }

    private static Map<String, Double> threads() {
        Map<String, Double> byName = new LinkedHashMap<>();
        if (!Boolean.getBoolean("picomesh.bench.threads")) {
            return byName;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(comm, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND,
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

    /** CPU seconds of each since {@code before}, e.g. "jvm 1.21 s, postgres 0.98 s, anvil 0.45 s". */
    String since(CpuTime before) {
        Map<String, Double> spent = new LinkedHashMap<>(Map.of("jvm", 0.0, "postgres", 0.0, "anvil", 0.0));
        processes.forEach((pid, now) -> {
            Process then = before.processes.get(pid);
            spent.merge(now.who(), now.seconds() - (then == null ? 0 : then.seconds()), Double::sum);
        });
        StringBuilder busiest = new StringBuilder();
        threads.entrySet().stream().map(t -> Map.entry(t.getKey(), t.getValue() - before.threads.getOrDefault(t.getKey(), 0.0)))
                .filter(t -> t.getValue() >= 0.02).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(t -> busiest.append(" [").append(t.getKey()).append(' ').append("%.2f".formatted(t.getValue())).append(']'));
        return busiest + " jvm %.2f s (JIT %.2f s), postgres %.2f s, anvil %.2f s".formatted(spent.get("jvm"),
                (compilingMillis - before.compilingMillis) / 1000.0, spent.get("postgres"), spent.get("anvil"));
    }
}
