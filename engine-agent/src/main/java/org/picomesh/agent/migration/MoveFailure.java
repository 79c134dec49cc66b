package org.picomesh.agent.migration;

/**
 * Why a step of a move did not complete. {@link Transient}: try again later (bounded, with back-off).
 * {@link Fatal}: the move cannot go on (the target rejects it; the source waits for the chain to end it).
 */
abstract sealed class MoveFailure extends Exception {
    MoveFailure(String message, Throwable cause) {
        super(message, cause);
    }

    static final class Transient extends MoveFailure {
        Transient(String message) {
            super(message, null);
        }

        Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final class Fatal extends MoveFailure {
        Fatal(String message) {
            super(message, null);
        }

        Fatal(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
