package org.picomesh.agent.picoengine;

import java.net.URI;

/**
 * A pico engine call that failed. The message names the engine and what was asked, never a snapshot's content or a
 * pico's state. Subtypes say what a caller can do about it.
 */
public abstract sealed class PicoEngineException extends RuntimeException {
    private final URI engine;

    PicoEngineException(URI engine, String message, Throwable cause) {
        super(engine + ": " + message, cause);
        this.engine = engine;
    }

    public URI engine() {
        return engine;
    }

    /** The engine did not answer within the call's bound (down, restarting, or too slow). Retrying may work. */
    public static final class Unreachable extends PicoEngineException {
        Unreachable(URI engine, String what, Throwable cause) {
            super(engine, what + " got no answer: " + cause, cause);
        }
    }

    /** No pico on the engine holds the ECI. */
    public static final class UnknownEci extends PicoEngineException {
        private final String eci;

        UnknownEci(URI engine, String eci) {
            super(engine, "no pico holds ECI " + eci, null);
            this.eci = eci;
        }

        public String eci() {
            return eci;
        }
    }

    /** The engine refused to import the snapshot; {@link #reason()} is the engine's own word (or ours, on conflict). */
    public static final class ImportRefused extends PicoEngineException {
        private final String reason;

        ImportRefused(URI engine, String reason) {
            super(engine, "import refused: " + reason, null);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The engine or the snapshot is of another version than the one this client speaks or the engine runs. */
    public static final class VersionMismatch extends PicoEngineException {
        VersionMismatch(URI engine, String expected, String actual) {
            super(engine, "version " + actual + " where " + expected + " is needed", null);
        }
    }

    /** The engine answered with an error status to a request (not an import): its code and its own message. */
    public static final class Refused extends PicoEngineException {
        private final int status;
        private final String reason;

        Refused(URI engine, String what, int status, String reason) {
            super(engine, what + " answered " + status + ": " + reason, null);
            this.status = status;
            this.reason = reason;
        }

        public int status() {
            return status;
        }

        public String reason() {
            return reason;
        }
    }
}
