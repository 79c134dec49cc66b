package org.picomesh.agent.chain;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold keys, even encrypted: readable by their owner only, and never written over. */
public final class SecretFiles {
    private SecretFiles() {}

    /** Fails when something is already there: a key file written over is a key lost. */
    public static void requireAbsent(Path... files) {
        for (Path file : files) {
            if (Files.exists(file)) {
                throw new AgentException(file.toAbsolutePath() + " already exists: choose another file (keys are "
                        + "never written over)");
            }
        }
    }

    /** Removes a key file this run has just made and nothing has used: half of a pair is no use. */
    public static void deleteUnused(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The caller reports the failure that made the file useless; this one only adds noise.
        }
    }

    /** Creates the file with mode 600 before a byte is written, then writes it. */
    static void write(Path file, byte[] content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(content);
            }
        } catch (FileAlreadyExistsException e) {
            requireAbsent(file);
        } catch (IOException e) {
            throw new AgentException("cannot write " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
