package org.picomesh.directory.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on one address that answers every request {@code 200} with a small JSON body after a
 * set delay, and records what arrived: enough to stand in for many engines at once, or for a denied address that
 * must never be contacted. The delay is a timer, not a sleeping thread, so 10,000 waiting answers cost no threads.
 */
public final class TinyHttpServer implements AutoCloseable {
    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n"
            + "Connection: close\r\n\r\n{\"version\":\"0.1\"}").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Duration delay;
    private final ExecutorService readers = Executors.newFixedThreadPool(8, daemon("tiny-http"));
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2, daemon("tiny-http-answer"));
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean recordRequests = true;

    private TinyHttpServer(ServerSocket server, Duration delay) {
        this.server = server;
        this.delay = delay;
        Thread acceptor = new Thread(this::accept, "tiny-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TinyHttpServer start(InetAddress address, int port, Duration delay) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(address, port), 4096);
        return new TinyHttpServer(server, delay);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** Each request's line and Host header, as "GET /path HTTP/1.1 Host: name:port". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Stops keeping requests (a bench sends tens of thousands). */
    public TinyHttpServer countOnly() {
        recordRequests = false;
        return this;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                readers.submit(() -> read(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void read(Socket socket) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            String host = "";
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                if (header.regionMatches(true, 0, "Host:", 0, 5)) {
                    host = header.substring(5).strip();
                }
            }
            if (recordRequests) {
                requests.add(line + " Host: " + host);
            }
            answers.schedule(() -> answer(socket), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            close(socket);
        }
    }

    private static void answer(Socket socket) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(ANSWER);
        } catch (IOException e) {
            // the prober gave up: nothing to answer
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        readers.shutdownNow();
        answers.shutdownNow();
    }
}
