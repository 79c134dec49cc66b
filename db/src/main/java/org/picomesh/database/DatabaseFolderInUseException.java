package org.picomesh.database;

import java.nio.file.Path;

/** Another running service holds the embedded database's folder: two servers must never share one. */
public class DatabaseFolderInUseException extends IllegalStateException {
    private final transient Path dataDir;

    public DatabaseFolderInUseException(Path dataDir) {
        super("another running service uses the database folder " + dataDir
                + " (it holds the folder's lock): stop it, or give this one its own picomesh.database.data-dir");
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }
}
