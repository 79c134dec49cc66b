package org.picomesh.directory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU seconds (user + system) spent so far by a process and its live descendants, read from /proc (Linux). */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    /** This JVM alone: the directory, and the bench's own threads (idle while the directory probes). */
    static double thisJvm() {
        return seconds(ProcessHandle.current().pid());
    }

    /** The PostgreSQL server of a data folder: its postmaster (from postmaster.pid) and its live backends. */
    static double postgres(Path dataDir) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            return ProcessHandle.of(pid).map(p -> Stream.concat(Stream.of(p), p.descendants())
                    .mapToDouble(h -> seconds(h.pid())).sum()).orElse(0.0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0; // ended meanwhile
        }
    }
}
