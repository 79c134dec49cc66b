package org.picomesh.agent.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * TEST HOOK, off unless {@code picomesh.agent.test.halt-file} names a file: lets a crash test stop a move at a chosen
 * point, so that it can SIGKILL this agent (or its pico engine) there. Before each step the worker calls {@link #at};
 * when the file names that point ({@code SIDE:POINT}), the hook writes {@code <file>.reached} and waits while the file
 * still names it (bounded): the test then kills the process, or rewrites the file to let the move go on. Points: a
 * state's name once that state is committed and its next action not started ({@code SOURCE:LEAVING}), and
 * {@code TARGET:IMPORT_RETURNED} (the engine imported the pico, IMPORTED not recorded yet). The file is read only
 * while it is configured: a production agent never touches it.
 */
@Component
class MoveTestHalt {
    private static final Logger log = LoggerFactory.getLogger(MoveTestHalt.class);
    private static final Duration LONGEST = Duration.ofMinutes(10);
    private static final long POLL_MS = 50;

    private final Path file;

    MoveTestHalt(@Value("${picomesh.agent.test.halt-file:}") String file) {
        this.file = file == null || file.isBlank() ? null : Path.of(file);
        if (this.file != null) {
            log.warn("TEST HOOK enabled: moves halt at the point named in {}", this.file);
        }
    }

    /** Halts here while the test asks for it; returns at once when the hook is off or names another point. */
    void at(Side side, String point, long moveId) {
        if (file == null) {
            return;
        }
        String here = side + ":" + point;
        if (!here.equals(wanted())) {
            return;
        }
        try {
            Files.writeString(file.resolveSibling(file.getFileName() + ".reached"), here + " move " + moveId,
                    StandardCharsets.UTF_8);
            log.warn("TEST HOOK: move {} halted at {}", moveId, here);
            long deadline = System.nanoTime() + LONGEST.toNanos();
            while (here.equals(wanted()) && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MS);
            }
            log.warn("TEST HOOK: move {} goes on from {}", moveId, here);
        } catch (IOException e) {
            log.warn("TEST HOOK: cannot signal {}: {}", here, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String wanted() {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
