package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's {@code ipfs-cid}: an implementation of {@code ipfs add}'s CIDs that is not ours, to check ours against. */
final class IpfsCidTool {
    static final Path BINARY = Path.of("/usr/bin/ipfs_cid");

    /** The CIDs that {@code ipfs_cid} prints for a file. */
    record Cids(String v0, String v1) {}

    private IpfsCidTool() {}

    static Cids of(Path file) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: install Debian's ipfs-cid package (apt-get install ipfs-cid); these tests "
                    + "compare our CIDs with it");
        }
        Process process = new ProcessBuilder(BINARY.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("ipfs_cid failed on " + file + ": " + new String(out));
        }
        JsonNode json = new ObjectMapper().readTree(out);
        return new Cids(json.path("CIDv0").asText(), json.path("CIDv1").asText());
    }
}
