package org.picomesh.agent.chain;

import io.micrometer.core.instrument.MeterRegistry;

/** The sender's counters, by purpose (answer, claim, ...): sent, bumped, reverted, and failed by reason. */
final class SenderMetrics {
    private final MeterRegistry meters;

    SenderMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void sent(String purpose) {
        meters.counter("picomesh.agent.tx.sent", "purpose", purpose).increment();
    }

    void bumped(String purpose) {
        meters.counter("picomesh.agent.tx.bumped", "purpose", purpose).increment();
    }

    void reverted(String purpose) {
        meters.counter("picomesh.agent.tx.reverted", "purpose", purpose).increment();
    }

    /** {@code reason}: not-mined or refused. */
    void failed(String purpose, String reason) {
        meters.counter("picomesh.agent.tx.failed", "purpose", purpose, "reason", reason).increment();
    }
}
