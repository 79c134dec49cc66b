package org.picomesh.agent.snapshot;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes to a stream and, when there is one, to a DAG builder at once; closing it only flushes, the store closes
 * the file.
 */
final class Tee extends OutputStream {
    private final OutputStream file;
    private final UnixFsDagBuilder dag;

    Tee(OutputStream file, UnixFsDagBuilder dag) {
        this.file = file;
        this.dag = dag;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int from, int length) throws IOException {
        file.write(bytes, from, length);
        if (dag != null) {
            dag.write(bytes, from, length);
        }
    }

    @Override
    public void close() throws IOException {
        file.flush();
    }
}
