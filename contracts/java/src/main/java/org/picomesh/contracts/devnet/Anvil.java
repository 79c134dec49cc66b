package org.picomesh.contracts.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A throw-away local chain: a real anvil process on loopback, stopped on {@link #close()} and, failing
 * that, when the JVM exits.
 */
public final class Anvil implements AutoCloseable {
    public static final long CHAIN_ID = 31337;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final String BINARY = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";

    private final Process process;
    private final int port;
    private final HttpService service;
    private final Thread reaper;

    private Anvil(Process process, int port) {
        this.process = process;
        this.port = port;
        this.service = new HttpService(rpcUrl());
        this.reaper = new Thread(process::destroyForcibly, "anvil-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts anvil on a free loopback port. */
    public static Anvil start() {
        return start(freePort());
    }

    /** Starts anvil on the given loopback port and waits until it answers. */
    public static Anvil start(int port) {
        Path log = tempLog();
        List<String> command = List.of(binary().toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--chain-id", String.valueOf(CHAIN_ID), "--accounts", String.valueOf(DevAccounts.COUNT),
                "--balance", "1000000", "--silent");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Anvil anvil = new Anvil(process, port);
            anvil.awaitReady(log);
            return anvil;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start anvil (" + command.get(0) + ")", e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Moves the chain's clock forward and mines a block at the new time. */
    public void increaseTime(Duration duration) {
        call("evm_increaseTime", duration.toSeconds());
        call("evm_mine");
    }

    /** Calls a raw JSON-RPC method (anvil's evm_ and anvil_ methods) and returns its result. */
    public Object call(String method, Object... params) {
        try {
            RawResponse response = new Request<>(method, Arrays.asList(params), service, RawResponse.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(method + " failed: " + response.getError().getMessage());
            }
            return response.getResult();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " failed", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting; the hook runs anyway.
        }
    }

    private void awaitReady(Path log) {
        Web3j web3j = Web3j.build(service);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited at start (port " + port + " in use?): " + tail(log));
            }
            try {
                BigInteger id = web3j.ethChainId().send().getChainId();
                if (id != null) {
                    return;
                }
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        close();
        throw new IllegalStateException("anvil did not answer on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** Finds anvil under node_modules, from the working directory upwards, unless ANVIL_BIN names it. */
    static Path binary() {
        String explicit = System.getenv("ANVIL_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(BINARY);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("anvil not found under node_modules: run npm ci at the project root (./mesh does)");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static Path tempLog() {
        try {
            Path log = Files.createTempFile("anvil-", ".log");
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for anvil", e);
        }
    }

    /** A JSON-RPC response whose result is kept as whatever JSON it was. */
    public static final class RawResponse extends Response<Object> {}
}
