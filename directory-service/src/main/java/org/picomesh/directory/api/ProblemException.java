package org.picomesh.directory.api;

/**
 * A failure whose status a feature chooses (a conflict with the chain's state, a refusal by a third party, a third
 * party that did not answer), answered as a problem with this message as its detail; {@code retryAfterSeconds}, when
 * set, becomes a Retry-After header.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String detail, Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
