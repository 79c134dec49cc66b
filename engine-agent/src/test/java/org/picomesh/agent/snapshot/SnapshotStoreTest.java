package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps sealed snapshots under the CID IPFS gives them, one whole file each, across restarts and crashes. */
class SnapshotStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesUnderTheCidThatIpfsComputesAndReadsItBack() throws Exception {
        byte[] bytes = SealingTest.random(1_000_000);
        SnapshotStore store = new SnapshotStore(dir);

        Cid cid = store.put(out -> out.write(bytes));

        assertThat(cid.toString()).isEqualTo(IpfsCidTool.of(dir.resolve(cid.toString())).v1());
        assertThat(read(store, cid)).isEqualTo(bytes);
        assertThat(store.list()).containsExactly(cid);
    }

    @Test
    void keepsOneFileForTheSameBytesStoredTwice() throws IOException {
        byte[] bytes = SealingTest.random(300_000);
        SnapshotStore store = new SnapshotStore(dir);

        Cid first = store.put(out -> out.write(bytes));
        Cid second = store.put(out -> {
            out.write(bytes, 0, 1000);
            out.write(bytes, 1000, bytes.length - 1000);
        });

        assertThat(second).isEqualTo(first);
        assertThat(store.list()).containsExactly(first);
        assertThat(Files.list(dir.resolve(".partial"))).isEmpty();
    }

    @Test
    void findsItsSnapshotsAndTheirBlocksAgainAfterARestart() throws IOException {
        byte[] bytes = SealingTest.random(600_000);
        Cid cid = new SnapshotStore(dir).put(out -> out.write(bytes));

        SnapshotStore restarted = new SnapshotStore(dir);

        assertThat(restarted.list()).containsExactly(cid);
        assertThat(read(restarted, cid)).isEqualTo(bytes);
        UnixFsDag dag = restarted.dag(cid).orElseThrow();
        UnixFsDag.Node secondLeaf = ((UnixFsDag.Branch) dag.rootNode()).children().get(1);
        assertThat(restarted.locate(secondLeaf.cid()).orElseThrow().root()).isEqualTo(cid);
    }

    @Test
    void storesNothingWhenTheWriterFails() {
        SnapshotStore store = new SnapshotStore(dir);

        assertThatThrownBy(() -> store.put(out -> {
            out.write(SealingTest.random(500_000));
            throw new IOException("export broke off");
        })).hasMessage("export broke off");

        assertThat(store.list()).isEmpty();
        assertThat(dir.resolve(".partial")).isEmptyDirectory();
    }

    @Test
    void leavesNoHalfFileUnderACidWhenTheProcessIsKilledMidWrite() throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            // The child says "writing" once it has written part of a snapshot and is still writing.
            assertThat(new String(writer.getInputStream().readNBytes(7))).isEqualTo("writing");
        } finally {
            writer.destroyForcibly(); // SIGKILL: nothing is flushed, no hook runs
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.list(dir.resolve(".partial"))).hasSize(1);

        SnapshotStore reopened = new SnapshotStore(dir);

        assertThat(reopened.list()).isEmpty();
        assertThat(dir.resolve(".partial")).isEmptyDirectory();
    }

    @Test
    void deletesASnapshot() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        Cid kept = store.put(out -> out.write(SealingTest.random(10)));
        Cid deleted = store.put(out -> out.write(SealingTest.random(20)));

        assertThat(store.delete(deleted)).isTrue();

        assertThat(store.list()).containsExactly(kept);
        assertThat(store.open(deleted)).isEmpty();
        assertThat(store.delete(deleted)).isFalse();
    }

    @Test
    void refusesAFileThatNoLongerHoldsWhatItsNameSays() throws IOException {
        Cid cid = new SnapshotStore(dir).put(out -> out.write(SealingTest.random(1000)));
        Files.write(dir.resolve(cid.toString()), SealingTest.random(999));

        assertThatThrownBy(() -> new SnapshotStore(dir).dag(cid)).isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("no longer holds " + cid);
    }

    private static byte[] read(SnapshotStore store, Cid cid) throws IOException {
        try (InputStream in = store.open(cid).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    /** A process that starts a write and never finishes it, to be killed. */
    static final class SlowWriter {
        public static void main(String[] args) throws IOException {
            new SnapshotStore(Path.of(args[0])).put(out -> {
                out.write(SealingTest.random(400_000));
                out.flush();
                System.out.print("writing");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
