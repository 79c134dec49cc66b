package org.picomesh.directory.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** A node HTTP server on loopback answering every path {@code 200} after a set delay: 10,000 engines in one process. */
final class DelayedServer implements AutoCloseable {
    private static final String SCRIPT = """
            require('http').createServer((q, s) => setTimeout(() => {
              s.writeHead(200, {'Content-Type': 'application/json'}); s.end('{"version":"0.48.1"}');
            }, +process.env.DELAY_MS)).listen(+process.env.PORT, '127.0.0.1', 4096);""";

    private final Process process;
    private final int port;

    private DelayedServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static DelayedServer start(int delayMs) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("node", "-e", SCRIPT).inheritIO();
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("DELAY_MS", String.valueOf(delayMs));
        DelayedServer server = new DelayedServer(builder.start(), port);
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return server;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new IllegalStateException("the delayed server did not listen within 5 s");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
