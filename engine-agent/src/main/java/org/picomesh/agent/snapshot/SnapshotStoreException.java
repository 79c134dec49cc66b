package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The snapshot folder cannot be written or read, or a file in it no longer has the content its name says. */
public final class SnapshotStoreException extends UncheckedIOException {
    SnapshotStoreException(String message, IOException cause) {
        super(message, cause);
    }
}
