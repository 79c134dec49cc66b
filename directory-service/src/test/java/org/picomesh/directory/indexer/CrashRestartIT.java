package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.DirectoryProcess;
import org.picomesh.directory.support.TestChain;

/**
 * A directory killed with SIGKILL leaves its embedded PostgreSQL running on its own. Started again, once, it stops
 * that orphan, starts its own server on the same data (durable: fsync and synchronous commit on) and indexes on.
 */
class CrashRestartIT {
    @TempDir
    Path dir;
    private long orphan;

    @Test
    void startsTheFirstTimeAfterAKillAndIndexesOn() throws Exception {
        Path data = dir.resolve("postgres");
        try (TestChain chain = new TestChain()) {
            long before = chain.register(1, SampleAdverts.advert("https://before.example", 1, 3), "1");
            try (DirectoryProcess first = new DirectoryProcess(chain.deployment, data, dir.resolve("first.log"))) {
                first.start();
                Directory.await("the first engine to be indexed", Duration.ofSeconds(30),
                        () -> first.status("/api/engines/" + before) == 200);
                long[] postgres = DirectoryProcess.postgres(data).orElseThrow();
                assertThat(settings(postgres[1])).isEqualTo("on on");
                first.kill();
                orphan = postgres[0];
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("PostgreSQL outlives the kill")
                        .hasValue(true);
            }
            long after = chain.register(2, SampleAdverts.advert("https://after.example", 2, 3), "1");

            try (DirectoryProcess again = new DirectoryProcess(chain.deployment, data, dir.resolve("again.log"))) {
                again.start();
                Directory.await("the engine registered while it was down to be indexed", Duration.ofSeconds(30),
                        () -> again.status("/api/engines/" + after) == 200);
                assertThat(again.status("/api/engines/" + before)).as("what it indexed before the kill").isEqualTo(200);
                assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("the orphan stopped").isEmpty();
                assertThat(DirectoryProcess.postgres(data).orElseThrow()[0]).isNotEqualTo(orphan);
                assertThat(Files.readString(dir.resolve("again.log"))).contains("still runs on")
                        .doesNotContain("could not lock");
            }
        }
    }

    /** The durability settings of the server on {@code port}. */
    private static String settings(long port) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_setting('fsync') || ' '"
                        + " || current_setting('synchronous_commit')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A server the test left behind would outlive the JVM. */
    @AfterEach
    void stopAnyServerLeft() throws Exception {
        DirectoryProcess.postgres(dir.resolve("postgres")).ifPresent(p -> ProcessHandle.of(p[0])
                .ifPresent(ProcessHandle::destroyForcibly));
        if (orphan > 0) {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
