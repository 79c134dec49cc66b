package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.agent.snapshot.SnapshotFetchException.Reason;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The agent's trustless gateway on a real HTTP server (a Spring context of the snapshot package alone: the full agent
 * needs a chain), and another agent's fetcher against it: what the target of a move will do.
 */
@SpringBootTest(classes = TrustlessGatewayIT.GatewaySlice.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.mvc.problemdetails.enabled=true")
class TrustlessGatewayIT {
    private static final SnapshotContext MOVE = new SnapshotContext(31337, BigInteger.valueOf(3), BigInteger.TEN);
    private static final AtomicBoolean ALLOWED = new AtomicBoolean(true);
    private static final Path SOURCE_DIR = tempDir();

    @LocalServerPort
    int port;

    @Autowired
    Snapshots source;

    @TempDir
    Path targetDir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final KeyPair targetKey = SealingTest.x25519();

    @DynamicPropertySource
    static void snapshotDir(DynamicPropertyRegistry registry) {
        registry.add("picomesh.agent.snapshot.dir", SOURCE_DIR::toString);
    }

    @AfterEach
    void allowAgain() {
        ALLOWED.set(true);
    }

    @Test
    void movesASealedExportFromOneAgentToAnotherByCid() throws IOException {
        byte[] export = "{\"pico\":{\"id\":\"p1\",\"entvars\":{\"counter\":{\"n\":42}}},\"version\":\"0.48.1\"}"
                .getBytes(StandardCharsets.UTF_8);
        Cid cid = source.seal(export, EncryptionKeyFile.raw(targetKey.getPublic()), MOVE);
        Snapshots target = new Snapshots(new SnapshotStore(targetDir), new SnapshotFetcher(1 << 20,
                Duration.ofSeconds(10)));

        Cid fetched = target.fetch(agent(), cid);

        assertThat(fetched).isEqualTo(cid);
        assertThat(Files.readAllBytes(targetDir.resolve(cid.toString())))
                .isEqualTo(Files.readAllBytes(SOURCE_DIR.resolve(cid.toString())));
        assertThat(new String(target.open(fetched, targetKey, MOVE), StandardCharsets.UTF_8))
                .isEqualTo("{\"pico\":{\"entvars\":{\"counter\":{\"n\":42}},\"id\":\"p1\"},\"version\":\"0.48.1\"}");
    }

    @Test
    void servesTheWholeDagAsACarThatVerifies() throws Exception {
        byte[] bytes = SealingTest.random(700_000);
        Cid cid = source.store().put(out -> out.write(bytes));

        HttpResponse<byte[]> car = get("/ipfs/" + cid, "application/vnd.ipld.car");

        assertThat(car.statusCode()).isEqualTo(200);
        assertThat(car.headers().firstValue("Content-Type")).hasValue(SnapshotFetcher.ACCEPT);
        assertThat(car.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(car.headers().firstValueAsLong("Content-Length")).hasValue(car.body().length);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        CarVerifier.verify(new ByteArrayInputStream(car.body()), cid, file, Long.MAX_VALUE);
        assertThat(file.toByteArray()).isEqualTo(bytes);
        assertThat(cid.toString()).isEqualTo(IpfsCidTool.of(SOURCE_DIR.resolve(cid.toString())).v1());
    }

    @Test
    void servesOneBlockRawByItsCid() throws IOException {
        Cid cid = source.store().put(out -> out.write(SealingTest.random(600_000)));
        UnixFsDag.Branch root = (UnixFsDag.Branch) source.store().dag(cid).orElseThrow().rootNode();
        Cid leaf = root.children().get(2).cid();

        HttpResponse<byte[]> rootBlock = get("/ipfs/" + cid, "application/vnd.ipld.raw");
        HttpResponse<byte[]> leafBlock = get("/ipfs/" + leaf.toV0() + "?format=raw", null);

        assertThat(rootBlock.statusCode()).isEqualTo(200);
        assertThat(rootBlock.headers().firstValue("Content-Type")).hasValue("application/vnd.ipld.raw");
        assertThat(rootBlock.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(rootBlock.body()).isEqualTo(root.block());
        assertThat(leafBlock.statusCode()).isEqualTo(200);
        assertThat(leaf.matches(leafBlock.body(), 0, leafBlock.body().length)).isTrue();
        assertThat(DagPb.decode(leafBlock.body(), 0, leafBlock.body().length).dataLength()).isEqualTo(600_000 - 2 * 262_144);
    }

    @Test
    void answersProblemsForUnknownAndMalformedCids() throws Exception {
        Cid unknown = Cid.parse("bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y");

        assertProblem(get("/ipfs/" + unknown, "application/vnd.ipld.car"), 404, "no snapshot or block");
        assertProblem(get("/ipfs/not-a-cid", "application/vnd.ipld.car"), 400, "not a CID");
        assertProblem(get("/ipfs/bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4", "application/vnd.ipld.raw"),
                400, "not a CID");
        assertProblem(get("/ipfs/" + unknown, "text/html"), 406, "application/vnd.ipld.car");
    }

    @Test
    void asksTheAccessSeamBeforeServing() throws IOException {
        Cid cid = source.store().put(out -> out.write(SealingTest.random(100)));
        ALLOWED.set(false);

        assertProblem(get("/ipfs/" + cid, "application/vnd.ipld.car"), 403, "not allowed");
    }

    @Test
    void theFetcherDetectsABlockTamperedAtTheSource() throws IOException {
        Cid cid = source.store().put(out -> out.write(SealingTest.random(900_000)));
        source.store().dag(cid);
        try (RandomAccessFile file = new RandomAccessFile(SOURCE_DIR.resolve(cid.toString()).toFile(), "rw")) {
            file.seek(500_000);
            int b = file.read();
            file.seek(500_000);
            file.write(b ^ 0x40);
        }
        SnapshotStore targetStore = new SnapshotStore(targetDir);
        SnapshotFetcher fetcher = new SnapshotFetcher(1 << 24, Duration.ofSeconds(10));

        assertThatThrownBy(() -> fetcher.fetchInto(targetStore, agent(), cid))
                .isInstanceOfSatisfying(SnapshotFetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED_BLOCK));
        assertThat(targetStore.list()).as("nothing of a failed fetch is kept").isEmpty();
    }

    @Test
    void theFetcherRefusesACarOverItsLimitAndAnUnknownCid() throws IOException {
        Cid cid = source.store().put(out -> out.write(SealingTest.random(300_000)));
        Cid unknown = Cid.parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");

        assertThatThrownBy(() -> new SnapshotFetcher(100_000, Duration.ofSeconds(10)).fetch(agent(), cid,
                new ByteArrayOutputStream())).isInstanceOfSatisfying(SnapshotFetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() -> new SnapshotFetcher(1 << 20, Duration.ofSeconds(10)).fetch(agent(), unknown,
                new ByteArrayOutputStream())).isInstanceOfSatisfying(SnapshotFetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    private void assertProblem(HttpResponse<byte[]> response, int status, String detail) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).contains(detail);
    }

    private HttpResponse<byte[]> get(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(agent().resolve(path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private URI agent() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("snapshots-source");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The snapshot package alone on a web server: no chain, no database. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
    @Import({SnapshotConfiguration.class, TrustlessGatewayController.class})
    static class GatewaySlice {
        @Bean
        SnapshotAccess switchableAccess() {
            return (root, request) -> ALLOWED.get();
        }
    }
}
