package org.picomesh.agent.snapshot;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Random;
import org.picomesh.agent.chain.EncryptionKeyFile;

/**
 * A measurement, not a test: each piece of sealing and opening a snapshot alone, in this JVM, over an export shaped
 * as the migrate bench's 10 MB pico exports (one entity variable of varied words, a ruleset's source, channels with
 * keys): canonicalisation, HPKE sealing to a null stream, the DAG's hashing, the store's write (file, sync, DAG),
 * opening. Prints the median of the runs after a warm-up. Run with {@code -Xmx} small to see what streams. Arguments:
 * size, runs, then {@code small} (many small members) and {@code warm} (the agent's start-up warm-up first).
 */
public final class SnapshotPieces {
    private static final SnapshotContext MOVE = new SnapshotContext(31337, BigInteger.ONE, BigInteger.TWO);

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        // "small": many small entity variables (a map of records), the canonicaliser's hardest shape
        byte[] export = Arrays.asList(args).contains("small") ? smallMembers(size) : export(size);
        if (Arrays.asList(args).contains("warm")) {
            // what the agent does at start-up (SnapshotWarmUp): the figures are then those of its first moves
            long warmUp = Long.getLong("warmUp", 8 * 1024 * 1024);
            time("agent start-up warm-up", (int) warmUp, 1, () -> SnapshotWarmUp.rehearse(warmUp));
        }
        KeyPair key = SealingTest.x25519();
        byte[] publicKey = EncryptionKeyFile.raw(key.getPublic());
        byte[] canonical = CanonicalJson.canonicalise(export);
        Path dir = Files.createTempDirectory("pieces");
        SnapshotStore store = new SnapshotStore(dir);
        time("canonicalise", size, runs, () -> CanonicalJson.canonicalise(new ByteArrayInputStream(export),
                OutputStream.nullOutputStream()));
        time("hpke seal (null out)", size, runs, () -> {
            try (SnapshotSealer sealer = SnapshotSealer.sealing(OutputStream.nullOutputStream(), publicKey, MOVE)) {
                sealer.write(canonical);
                sealer.finish();
            }
        });
        byte[] sealed = SealingTest.sealWith(canonical, publicKey, MOVE, SealedFormat.DEFAULT_CHUNK_SIZE);
        time("dag (sha2-256)", size, runs, () -> {
            UnixFsDagBuilder dag = new UnixFsDagBuilder();
            dag.write(sealed, 0, sealed.length);
            dag.finish();
        });
        time("store put (file+sync+dag)", size, runs, () -> store.delete(store.put(out -> out.write(sealed))));
        time("seal whole (canon+hpke+store)", size, runs, () -> store.delete(store.put(out -> {
            try (SnapshotSealer sealer = SnapshotSealer.sealing(out, publicKey, MOVE)) {
                CanonicalJson.canonicalise(new ByteArrayInputStream(export), sealer);
                sealer.finish();
            }
        })));
        time("hpke open (from memory)", size, runs, () -> {
            try (var in = SnapshotOpener.opening(new ByteArrayInputStream(sealed), key, MOVE)) {
                in.readAllBytes();
            }
        });
        Cid cid = store.put(out -> out.write(sealed));
        time("car write (null out)", size, runs, () -> {
            UnixFsDag dag = UnixFsDag.of(store.file(cid));
            CarWriter.write(dag, store.file(cid), OutputStream.nullOutputStream());
        });
        java.io.ByteArrayOutputStream car = new java.io.ByteArrayOutputStream();
        CarWriter.write(store.dag(cid).orElseThrow(), store.file(cid), car);
        byte[] carBytes = car.toByteArray();
        time("car verify (null out)", size, runs, () -> CarVerifier.verify(new ByteArrayInputStream(carBytes), cid,
                OutputStream.nullOutputStream(), Long.MAX_VALUE));
        time("open from store", size, runs, () -> new Snapshots(store, null).open(cid, key, MOVE));
    }

    /** The migrate bench's shape: {@code size} bytes, most of them one entity variable of varied words. */
    static byte[] export(int size) {
        Random random = new Random(12);
        StringBuilder json = new StringBuilder(size + 1000).append("{\"picomesh\":1,\"installed\":{\"AdminEci1\":[")
                .append("\"io.picolabs.wrangler\",\"counter\"]},\"schedules\":[],\"export\":{\"version\":\"0.48.1\",")
                .append("\"policies\":{},\"rulesets\":{\"counter\":{\"src\":\"")
                .append("ruleset counter {\\n  rule tick {\\n    select when counter tick\\n  }\\n}\\n".repeat(60))
                .append("\",\"hash\":\"abc\"}},\"pico\":{\"id\":\"p1\",\"parent_id\":\"root\",\"admin_eci\":\"A1\",")
                .append("\"channels\":{");
        for (int i = 0; i < 4; i++) {
            json.append(i == 0 ? "" : ",").append("\"eci").append(i).append("\":{\"id\":\"eci").append(i)
                    .append("\",\"sovrin\":{\"secret\":{\"signKey\":\"").append(Long.toHexString(random.nextLong()))
                    .append("\"}}}");
        }
        json.append("},\"rulesets\":[\"counter\"],\"entvars\":{\"counter\":{\"count\":3,\"blob\":\"");
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        int end = size - 40;
        while (json.length() < end) {
            int word = 1 + random.nextInt(12);
            for (int i = 0; i < word; i++) {
                json.append(letters.charAt(random.nextInt(letters.length())));
            }
            json.append(random.nextInt(8) == 0 ? '.' : ' ');
        }
        return json.append("\"}},\"children\":[]}}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code size} bytes of small objects, each a member of one large map. */
    static byte[] smallMembers(int size) {
        StringBuilder json = new StringBuilder(size + 100).append("{\"version\":\"0.48.1\",\"pico\":{\"entvars\":{");
        for (int i = 0; json.length() < size - 100; i++) {
            json.append("\"v").append(i).append("\":{\"n\":").append(i).append(",\"s\":\"")
                    .append(Integer.toHexString(i * 31).repeat(20)).append("\"},");
        }
        json.setLength(json.length() - 1);
        return json.append("}}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface Piece {
        void run() throws Exception;
    }

    private static void time(String what, int size, int runs, Piece piece) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] nanos = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            piece.run();
            nanos[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
        }
        System.out.printf("%-32s first %6.1f ms (cpu %6.1f), then median %6.1f ms (cpu %6.1f)%n", what,
                nanos[0] / 1e6, cpu[0] / 1e6, median(nanos) / 1e6, median(cpu) / 1e6);
    }

    /** The median after the first two runs (JIT warm-up). */
    private static long median(long[] values) {
        if (values.length < 3) {
            return values[values.length - 1];
        }
        long[] sorted = Arrays.copyOfRange(values, 2, values.length);
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
