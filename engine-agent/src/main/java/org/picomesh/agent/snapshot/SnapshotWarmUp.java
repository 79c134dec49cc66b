package org.picomesh.agent.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rehearses a move's snapshot work once the agent is up, on a background thread, over a probe sealed to a throwaway
 * key in a throwaway store: canonicalise, seal, store (DAG), serve as a CAR, verify the CAR, open. Without it the
 * first move after a start pays the class loading, BouncyCastle's set-up and the cipher self-check (about 0.6 s),
 * then runs the hashing and AES-GCM in Java: HotSpot compiles them to the CPU's SHA and AES instructions only after
 * some megabytes, which is what {@link SnapshotProperties#warmUp()} gives it (measured at 1.1 MB: sealing 15 ms
 * before, 1-1.5 ms after; opening with the JDK's GCM decryption 30 ms before, ~12 ms after). Nothing here touches the
 * agent's own store.
 */
@Component
class SnapshotWarmUp {
    private static final Logger log = LoggerFactory.getLogger(SnapshotWarmUp.class);
    /** Over one UnixFS leaf, so that inner nodes are built, served and verified too. */
    static final int PROBE = 1024 * 1024;
    private static final SnapshotContext PROBE_MOVE = new SnapshotContext(1, BigInteger.ONE, BigInteger.ONE);

    private final long bytes;

    SnapshotWarmUp(SnapshotProperties properties) {
        this.bytes = properties.warmUp().toBytes();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (bytes <= 0) {
            return;
        }
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                rehearse(bytes);
                log.info("snapshot path warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // Only the first move is slower for it; the same failure there says what is wrong.
                log.warn("the snapshot warm-up failed: {}", e.toString());
            }
        }, "snapshot-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Takes one probe the whole way (class loading, every branch once), then seals, hashes and opens it again until
     * {@code bytes} have gone through: those three loops are where HotSpot must reach the CPU's instructions.
     */
    static void rehearse(long bytes) throws IOException, GeneralSecurityException {
        KeyPair key = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] encoded = key.getPublic().getEncoded();
        byte[] publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length); // X.509 ends with it
        byte[] probe = probe(new Random(bytes));
        byte[] sealed = wholeWay(probe, publicKey, key);
        for (long done = PROBE; done < bytes; done += PROBE) {
            try (SnapshotSealer sealer = SnapshotSealer.sealing(OutputStream.nullOutputStream(), publicKey,
                    PROBE_MOVE)) {
                sealer.write(probe);
                sealer.finish();
            }
            try (UnixFsDagBuilder dag = new UnixFsDagBuilder()) {
                dag.write(sealed, 0, sealed.length);
                dag.finish();
            }
            SnapshotOpener.opening(new ByteArrayInputStream(sealed), key, PROBE_MOVE).readAll(sealed.length);
        }
    }

    /** Canonicalises, seals, stores, serves, verifies and opens the probe in a throwaway store; its sealed bytes. */
    private static byte[] wholeWay(byte[] probe, byte[] publicKey, KeyPair key) throws IOException {
        Path dir = Files.createTempDirectory("snapshot-warm-up");
        try {
            SnapshotStore store = new SnapshotStore(dir);
            Snapshots snapshots = new Snapshots(store, null);
            Cid cid = snapshots.seal(probe, publicKey, PROBE_MOVE);
            ByteArrayOutputStream car = new ByteArrayOutputStream(PROBE + PROBE / 8);
            CarWriter.write(store.dag(cid).orElseThrow(), store.file(cid), car);
            CarVerifier.verify(new ByteArrayInputStream(car.toByteArray()), cid,
                    OutputStream.nullOutputStream(), Long.MAX_VALUE);
            if (!Arrays.equals(snapshots.open(cid, key, PROBE_MOVE), CanonicalJson.canonicalise(probe))) {
                throw new IllegalStateException("the probe did not open to what was sealed");
            }
            return Files.readAllBytes(store.file(cid));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /** About {@link #PROBE} bytes shaped as an export: a few members, most of it one long string of words. */
    private static byte[] probe(Random random) {
        StringBuilder json = new StringBuilder(PROBE + 64).append("{\"version\":\"probe\",\"pico\":{\"n\":[1,2.5,-3e-7],")
                .append("\"entvars\":{\"z\":true,\"a\":\"");
        while (json.length() < PROBE - 16) {
            for (int i = random.nextInt(12); i >= 0; i--) {
                json.append((char) ('a' + random.nextInt(26)));
            }
            json.append(random.nextInt(9) == 0 ? "\\n" : " ");
        }
        return json.append("\"}}}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
