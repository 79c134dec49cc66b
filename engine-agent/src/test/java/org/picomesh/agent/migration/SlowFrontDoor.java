package org.picomesh.agent.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay on loopback in front of an agent that makes it far away: the answer to whatever a caller sends is held
 * back by {@code delay} before its first bytes are passed on, as a long round trip would (the rest of an answer
 * streams at once). An engine advertising this relay's URL is that slow for everyone who reaches it there, the agents'
 * latency probes included, and still answers.
 */
final class SlowFrontDoor implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final Duration delay;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "slow-front-door");
        thread.setDaemon(true);
        return thread;
    });

    SlowFrontDoor(String upstream, Duration delay) throws IOException {
        this.upstreamPort = java.net.URI.create(upstream).getPort();
        this.delay = delay;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.submit(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        AtomicBoolean asked = new AtomicBoolean();
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            Future<?> requests = threads.submit(() -> pump(client, upstream, asked, false));
            pump(upstream, client, asked, true);
            requests.get();
        } catch (Exception e) {
            // a caller or the agent hung up: nothing to relay any more
        }
    }

    /** Copies {@code from} to {@code to}; answers wait out the delay whenever something was asked since the last. */
    private Void pump(Socket from, Socket to, AtomicBoolean asked, boolean answers) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (!answers) {
                    asked.set(true);
                } else if (asked.getAndSet(false)) {
                    Thread.sleep(delay.toMillis());
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
