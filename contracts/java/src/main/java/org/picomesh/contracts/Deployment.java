package org.picomesh.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the market lives: the file {@code ./mesh chain} writes under {@code .mesh/} and every other part reads.
 *
 * @param chainId the chain's id
 * @param rpcUrl the JSON-RPC URL the contracts were deployed through
 * @param registry the EngineRegistry's address
 * @param escrow the LeaseEscrow's address
 * @param deploymentBlock the block of the registry's deployment, where indexing starts
 */
public record Deployment(long chainId, String rpcUrl, String registry, String escrow, BigInteger deploymentBlock) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Reads a deployment file, failing with a message that says how to make one. */
    public static Deployment read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no deployment file at " + file + ": start a chain with ./mesh chain");
        }
        try {
            return JSON.readValue(file.toFile(), Deployment.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable deployment file " + file, e);
        }
    }

    /** Writes the file atomically, so a reader never sees half of it. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the deployment file " + file, e);
        }
    }
}
