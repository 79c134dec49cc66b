package org.picomesh.agent.snapshot;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A measurement, not a test: seals and stores a 10 MB export on a source agent's gateway, then fetches, verifies and
 * opens it as the target would, and prints the time and rate of each side (median of the runs after a warm-up).
 * Run with a small heap ({@code -Xmx}) to see that the sealed bytes stream.
 */
public final class SnapshotThroughput {
    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        // "stream-only": no canonicalisation, which holds the whole export's tree: the streaming parts alone.
        boolean sealOnly = args.length > 2 && args[2].equals("stream-only");
        Path sourceDir = Files.createTempDirectory("throughput-source");
        Path targetDir = Files.createTempDirectory("throughput-target");
        try (ConfigurableApplicationContext source = new SpringApplicationBuilder(TrustlessGatewayIT.GatewaySlice.class)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                        "--picomesh.agent.snapshot.dir=" + sourceDir)) {
            int port = Integer.parseInt(source.getEnvironment().getProperty("local.server.port"));
            Snapshots sourceSnapshots = source.getBean(Snapshots.class);
            Snapshots target = new Snapshots(new SnapshotStore(targetDir), new SnapshotFetcher(1L << 30,
                    Duration.ofMinutes(1)));
            KeyPair key = SealingTest.x25519();
            SnapshotContext move = new SnapshotContext(31337, BigInteger.ONE, BigInteger.TWO);
            byte[] export = SnapshotPieces.smallMembers(size);
            long[] canonicalise = new long[runs];
            for (int i = 0; i < runs && !sealOnly; i++) {
                long start = System.nanoTime();
                CanonicalJson.canonicalise(export);
                canonicalise[i] = System.nanoTime() - start;
            }
            byte[] canonical = sealOnly ? export : CanonicalJson.canonicalise(export);
            long[] seal = new long[runs];
            long[] fetch = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                Cid cid = sourceSnapshots.store().put(out -> {
                    try (SnapshotSealer sealer = SnapshotSealer.sealing(out, EncryptionKeyFile.raw(key.getPublic()),
                            move)) {
                        sealer.write(canonical);
                        sealer.finish();
                    }
                });
                seal[i] = System.nanoTime() - start;
                start = System.nanoTime();
                target.fetch(URI.create("http://127.0.0.1:" + port), cid);
                byte[] opened = target.open(cid, key, move);
                fetch[i] = System.nanoTime() - start;
                if (!Arrays.equals(opened, canonical)) {
                    throw new IllegalStateException("opened " + opened.length + " bytes of " + canonical.length);
                }
                sourceSnapshots.store().delete(cid);
                target.store().delete(cid);
            }
            if (!sealOnly) {
                report("canonicalise (RFC 8785)", size, canonicalise);
            }
            report("seal+store", size, seal);
            report("fetch+verify+store+open", size, fetch);
        }
    }

    private static void report(String what, int size, long[] nanos) {
        long[] sorted = Arrays.copyOfRange(nanos, 1, nanos.length);
        Arrays.sort(sorted);
        double seconds = sorted[sorted.length / 2] / 1e9;
        System.out.printf("%-26s %6.1f ms  %6.1f MB/s  (%d bytes, median of %d after a warm-up)%n", what,
                seconds * 1e3, size / seconds / 1e6, size, sorted.length);
    }
}
