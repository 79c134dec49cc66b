package org.picomesh.agent.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.picomesh.agent.snapshot.SnapshotFetchException.Reason;

/**
 * Fetches a snapshot by CID from another agent's trustless gateway and proves it: the bytes handed out are those the
 * CID names, or the fetch fails with a typed reason. The source agent is not trusted for anything but availability.
 * Bounded: a CAR over {@code maxCarBytes} is refused, and the whole fetch, body included, must end within
 * {@code timeout} (the body stream is closed under the reader when it does not).
 */
public final class SnapshotFetcher {
    static final String ACCEPT = "application/vnd.ipld.car; version=1; order=dfs; dups=y";

    private final HttpClient http;
    private final long maxCarBytes;
    private final Duration timeout;

    public SnapshotFetcher(long maxCarBytes, Duration timeout) {
        this.maxCarBytes = maxCarBytes;
        this.timeout = timeout;
        // HTTP/1.1: the JDK's h2c upgrade costs a round trip for nothing on plain http (TOOLCHAIN.md).
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Fetches {@code cid} from the agent at {@code agent} (its base URL) and writes the file's bytes to {@code out} as
     * they are verified; returns their number. When it throws, what was written must be discarded.
     */
    public long fetch(URI agent, Cid cid, OutputStream out) throws SnapshotFetchException {
        return fetch(agent, cid, out, Map.of());
    }

    /** As {@link #fetch(URI, Cid, OutputStream)}, with request headers (the source's access check reads them). */
    public long fetch(URI agent, Cid cid, OutputStream out, Map<String, String> headers)
            throws SnapshotFetchException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(gatewayUri(agent, cid)).header("Accept", ACCEPT)
                .timeout(timeout);
        headers.forEach(builder::header);
        HttpRequest request = builder.GET().build();
        HttpResponse<InputStream> response = send(request, cid);
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> closeQuietly(response.body()),
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (InputStream body = response.body()) {
            checkResponse(response, cid);
            return CarVerifier.verify(new Bounded(body, maxCarBytes), cid, out, maxCarBytes);
        } catch (SnapshotFetchException e) {
            throw e;
        } catch (IOException e) {
            throw new SnapshotFetchException(Reason.UNREACHABLE, "reading " + cid + " from " + agent + " failed or "
                    + "took over " + timeout + ": " + e.getClass().getSimpleName(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    /** Fetches {@code cid} into the local store, where it is then served and opened like one sealed here. */
    public Cid fetchInto(SnapshotStore store, URI agent, Cid cid) throws IOException {
        return fetchInto(store, agent, cid, Map.of());
    }

    /** As {@link #fetchInto(SnapshotStore, URI, Cid)}, with request headers. */
    public Cid fetchInto(SnapshotStore store, URI agent, Cid cid, Map<String, String> headers) throws IOException {
        // every block was checked against the DAG from cid as it came: the file is stored under cid, not hashed again
        return store.putVerified(cid, out -> fetch(agent, cid, out, headers));
    }

    static URI gatewayUri(URI agent, Cid cid) {
        String base = agent.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "ipfs/" + cid);
    }

    private HttpResponse<InputStream> send(HttpRequest request, Cid cid) throws SnapshotFetchException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SnapshotFetchException(Reason.UNREACHABLE, "cannot reach " + request.uri() + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotFetchException(Reason.UNREACHABLE, "interrupted fetching " + cid, e);
        }
    }

    private void checkResponse(HttpResponse<InputStream> response, Cid cid) throws SnapshotFetchException {
        int status = response.statusCode();
        if (status == 404) {
            throw new SnapshotFetchException(Reason.NOT_FOUND, "the source agent has no snapshot " + cid);
        }
        if (status != 200) {
            throw new SnapshotFetchException(Reason.REFUSED, "the source agent answered HTTP " + status + " for " + cid);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/vnd.ipld.car")) {
            throw new SnapshotFetchException(Reason.MALFORMED_CAR, "the answer is not a CAR");
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length > maxCarBytes) {
            throw new SnapshotFetchException(Reason.TOO_LARGE, "a CAR of " + length + " bytes, over the limit of "
                    + maxCarBytes);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // The fetch fails on its own read; nothing more to say here.
        }
    }

    /** Refuses to read past the limit, whatever the server claimed. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long count;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            int n = super.read(buffer, from, length);
            count(n);
            return n;
        }

        private void count(int n) throws SnapshotFetchException {
            if (n > 0 && (count += n) > limit) {
                throw new SnapshotFetchException(Reason.TOO_LARGE, "the CAR goes over the limit of " + limit
                        + " bytes");
            }
        }
    }
}
