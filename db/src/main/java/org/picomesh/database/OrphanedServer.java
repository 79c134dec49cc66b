package org.picomesh.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on the data folder by a service that died without stopping it (kill -9, a JVM crash):
 * it keeps the folder's postmaster.pid, so a new server refuses the folder. Before the embedded server starts, this
 * stops such an orphan, and only one that is provably it: the PID in postmaster.pid is a {@code postgres} whose
 * working directory is this folder (PostgreSQL's postmaster runs in its data directory), and no live service holds
 * the folder's lock. A postmaster.pid whose PID now names another process (the machine restarted) is stale and goes.
 */
final class OrphanedServer {
    private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);
    /** The lock file zonky's EmbeddedPostgres holds while a live service runs the folder's server. */
    private static final String SERVICE_LOCK = "epg-lock";
    private static final Duration FORCED_STOP = Duration.ofSeconds(10);

    private OrphanedServer() {}

    /** Stops the folder's orphaned server, if there is one; waits at most {@code timeout} for a clean stop. */
    static void stopIfAny(Path dataDir, Duration timeout) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<Long> pid = pid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        requireNoLiveService(dataDir);
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // PostgreSQL itself sees that no process has that PID and starts
        }
        if (!isPostgresOf(process.get(), dataDir)) {
            log.warn("{} names PID {}, which is not a PostgreSQL of {}: a stale file, removed", pidFile, pid.get(),
                    dataDir);
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("a PostgreSQL (PID {}) still runs on {} after its service ended: stopping it", pid.get(), dataDir);
        stop(process.get(), timeout);
    }

    private static Optional<Long> pid(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // being written, or damaged: PostgreSQL's own check decides
        }
    }

    /** A service that is alive holds the folder's lock: then the server is its own, never an orphan. */
    private static void requireNoLiveService(Path dataDir) throws IOException {
        try (FileChannel channel = FileChannel.open(dataDir.resolve(SERVICE_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DatabaseFolderInUseException(dataDir);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new DatabaseFolderInUseException(dataDir);
        }
    }

    static boolean isPostgresOf(ProcessHandle process, Path dataDir) {
        Optional<String> command = process.info().command();
        if (command.isEmpty() || !Path.of(command.get()).getFileName().toString().equals("postgres")) {
            return false;
        }
        try {
            Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd").toRealPath();
            return cwd.equals(dataDir.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGINT first (PostgreSQL's fast shutdown: a checkpoint, nothing to recover), SIGKILL if it will not stop. */
    private static void stop(ProcessHandle postmaster, Duration timeout) throws IOException {
        List<ProcessHandle> backends = postmaster.descendants().toList();
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start();
        if (!awaitExit(postmaster, timeout)) {
            log.warn("PostgreSQL (PID {}) did not stop within {}: killing it", postmaster.pid(), timeout);
            postmaster.destroyForcibly();
            if (!awaitExit(postmaster, FORCED_STOP)) {
                throw new IOException("the orphaned PostgreSQL (PID " + postmaster.pid() + ") does not stop");
            }
        }
        for (ProcessHandle backend : backends) { // a new server refuses the folder while one is left
            if (!awaitExit(backend, FORCED_STOP)) {
                backend.destroyForcibly();
            }
        }
        log.info("the orphaned PostgreSQL (PID {}) stopped", postmaster.pid());
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
