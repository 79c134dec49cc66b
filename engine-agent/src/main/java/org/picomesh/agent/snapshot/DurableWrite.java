package org.picomesh.agent.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * How the store writes a file: it streams into a temporary file, is synced, then renamed to its name in one atomic
 * step, so a crash leaves a whole file under its name or none; the temporary files of a crashed write are swept when
 * the store opens.
 */
final class DurableWrite {
    private static final String TEMP = ".partial";

    private final Path dir;
    private final Path temp;
    private final Function<Cid, Path> file;

    /** Names what was written, once it all was. */
    interface Naming {
        Cid name();
    }

    /** For files in {@code dir} (absolute), each at {@code file} of its name, dropping what crashed writes left. */
    DurableWrite(Path dir, Function<Cid, Path> file) throws IOException {
        this.dir = dir;
        this.file = file;
        this.temp = dir.resolve(TEMP);
        Files.createDirectories(temp);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(temp)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /**
     * Streams the content into a temporary file, syncs it, then renames it to its name in one step (dropped when a
     * file of that name is there already: the same name, the same bytes).
     */
    void write(SnapshotStore.Content content, Naming naming) throws IOException {
        Path partial = Files.createTempFile(temp, "put-", ".part");
        try {
            Cid cid;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                content.writeTo(new Tee(out, null));
                out.flush();
                channel.force(true);
                cid = naming.name();
            }
            Path target = file.apply(cid);
            if (Files.exists(target)) {
                Files.delete(partial);
            } else {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory();
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void syncDirectory() throws IOException {
        // The rename is durable only once the directory is: without this, a power cut could undo it.
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
