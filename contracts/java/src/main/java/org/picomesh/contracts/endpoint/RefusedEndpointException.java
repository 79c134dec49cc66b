package org.picomesh.contracts.endpoint;

/** An endpoint that is not reached, and why (the message is safe to show: it names no secret). */
public final class RefusedEndpointException extends Exception {
    public RefusedEndpointException(String reason) {
        super(reason);
    }
}
