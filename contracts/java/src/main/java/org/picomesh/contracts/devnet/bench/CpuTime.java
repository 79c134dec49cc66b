package org.picomesh.contracts.devnet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU seconds spent so far by the parts of a bench (this JVM, the servers it started, its load generator), read
 * from /proc (Linux), so that a run can say where the cores went. A process started between two readings counts
 * whole; one that ended between them is left out. Zero where /proc is not there.
 */
public final class CpuTime {
    private static final double TICKS_PER_SECOND = 100.0;

    /** A part of the bench: a name and how to find its processes' ticks. */
    public record Part(String name, Finder finder) {
        /** This JVM. */
        public static Part thisJvm(String name) {
            return new Part(name, () -> Map.of("self", ticks(ProcessHandle.current().pid())[0]));
        }

        /** This JVM's finished and reaped children (a load generator run to its end, such as wrk). */
        public static Part reapedChildren(String name) {
            return new Part(name, () -> Map.of("children", ticks(ProcessHandle.current().pid())[1]));
        }

        /** Processes this JVM started (at any depth) whose command is {@code command} or ends with /{@code command}. */
        public static Part started(String name, String command) {
            Predicate<ProcessHandle> matches = p -> p.info().command()
                    .filter(c -> c.equals(command) || c.endsWith("/" + command)).isPresent();
            return new Part(name, () -> byPid(ProcessHandle.current().descendants().filter(matches)));
        }

        /** Every process of the machine whose name (/proc/pid/comm) starts with {@code prefix}. */
        public static Part named(String name, String prefix) {
            return new Part(name, () -> byPid(ProcessHandle.allProcesses().filter(p -> comm(p.pid()).startsWith(prefix))));
        }

        /** The PostgreSQL server of a data folder: its postmaster (from postmaster.pid) and its backends. */
        public static Part postgres(String name, Path dataDir) {
            return new Part(name, () -> byPid(postmaster(dataDir).map(p -> Stream.concat(Stream.of(p), p.descendants()))
                    .orElseGet(Stream::empty)));
        }
    }

    /** Ticks by process id (or a pseudo id) of a part, now. */
    @FunctionalInterface
    public interface Finder {
        Map<String, Long> ticks();
    }

    private final List<Part> parts;
    private final Map<String, Map<String, Long>> ticks;
    private final Map<String, Double> threads;
    private final long compilingMillis;

    private CpuTime(List<Part> parts) {
        this.parts = parts;
        this.ticks = new LinkedHashMap<>();
        parts.forEach(part -> ticks.put(part.name(), part.finder().ticks()));
        this.threads = threads();
        this.compilingMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    public static CpuTime now(List<Part> parts) {
        return new CpuTime(parts);
    }

    /** The same parts, now. */
    public CpuTime now() {
        return new CpuTime(parts);
    }

    /** CPU seconds the part named {@code part} spent since {@code before}. */
    public double seconds(String part, CpuTime before) {
        Map<String, Long> now = ticks.getOrDefault(part, Map.of());
        Map<String, Long> then = before.ticks.getOrDefault(part, Map.of());
        return now.entrySet().stream().mapToLong(p -> p.getValue() - then.getOrDefault(p.getKey(), 0L)).sum()
                / TICKS_PER_SECOND;
    }

    /** e.g. "agent JVM 9.1 s (JIT 0.4 s), wrk 3.2 s, pico engine 8.7 s, postgres 0.2 s" since {@code before}. */
    public String since(CpuTime before) {
        StringBuilder text = new StringBuilder();
        ticks.forEach((part, now) -> {
            text.append(text.isEmpty() ? "" : ", ").append(part).append(" %.1f s".formatted(seconds(part, before)));
            if (part.equals(parts.get(0).name())) {
                text.append(" (JIT %.1f s)".formatted((compilingMillis - before.compilingMillis) / 1000.0));
            }
        });
        return text.toString();
    }

    /** This JVM's busiest threads since {@code before}, e.g. "http-nio-#-exec-# 4.1 s, C# CompilerThre# 1.2 s". */
    public String threadsSince(CpuTime before) {
        StringBuilder text = new StringBuilder();
        threads.entrySet().stream()
                .map(t -> Map.entry(t.getKey(), t.getValue() - before.threads.getOrDefault(t.getKey(), 0.0)))
                .filter(t -> t.getValue() >= 0.1).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(t -> text.append(text.isEmpty() ? "" : ", ").append(t.getKey()).append(' ')
                        .append("%.1f s".formatted(t.getValue())));
        return text.toString();
    }

    /** CPU seconds of this JVM's threads by name, numbers left out ("http-nio-#-exec-#"). */
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

    private static Map<String, Long> byPid(Stream<ProcessHandle> processes) {
        Map<String, Long> byPid = new LinkedHashMap<>();
        processes.forEach(p -> byPid.put(String.valueOf(p.pid()), ticks(p.pid())[0]));
        return byPid;
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

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
