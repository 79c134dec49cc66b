package org.picomesh.directory.chain;

/** The chain node did not answer after the bounded retries. */
public class NodeUnavailableException extends RuntimeException {
    public NodeUnavailableException(String request, int attempts, Throwable cause) {
        super(request + " failed after " + attempts + " attempts: " + cause.getMessage(), cause);
    }
}
