package org.picomesh.directory.probes;

import java.time.Instant;

/**
 * One measurement of one engine: whether it answered {@code 200}, and if so how long the TCP connect (with the TLS
 * handshake for https) took and how long the first byte of the answer took after the request was written.
 */
record ProbeResult(long engineId, Instant at, boolean ok, Double connectMs, Double latencyMs, String error) {
    static ProbeResult answered(long engineId, Instant at, double connectMs, double latencyMs) {
        return new ProbeResult(engineId, at, true, connectMs, latencyMs, null);
    }

    static ProbeResult failed(long engineId, Instant at, String error) {
        return new ProbeResult(engineId, at, false, null, null, error);
    }
}
