package org.picomesh.agent.chain;

/** A failure the agent reports to its user as one clear line, without a stack trace. */
public class AgentException extends RuntimeException {
    public AgentException(String message) {
        super(message);
    }
}
