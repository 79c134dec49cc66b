package org.picomesh.agent.chain;

import org.picomesh.contracts.errors.DecodedError;

/** Why the daemon's transaction did not succeed: one subtype per way it can fail, each with its chain context. */
public abstract sealed class TransactionFailed extends Exception {
    private TransactionFailed(String message) {
        super(message);
    }

    /** The contract refused: at the estimate (nothing sent, {@code hash} null) or once mined. */
    public static final class Reverted extends TransactionFailed {
        private final DecodedError error;
        private final String hash;

        Reverted(DecodedError error, String hash) {
            super(error.message() + (hash == null ? " (nothing sent)" : " (tx " + hash + ")"));
            this.error = error;
            this.hash = hash;
        }

        /** The contract's custom error, for example {@code NoOpenChallenge}. */
        public DecodedError error() {
            return error;
        }

        public String hash() {
            return hash;
        }
    }

    /** Sent, but not mined within the bounds, replacements included; the last replacement may still be mined. */
    public static final class NotMined extends TransactionFailed {
        private final String hash;
        private final long nonce;

        NotMined(String hash, long nonce, String why) {
            super("transaction " + hash + " (nonce " + nonce + ") was not mined: " + why);
            this.hash = hash;
            this.nonce = nonce;
        }

        public String hash() {
            return hash;
        }

        public long nonce() {
            return nonce;
        }
    }

    /** The node refused the transaction or did not answer: nothing of it is pending. */
    public static final class Refused extends TransactionFailed {
        private final Integer code;

        Refused(Integer code, String message) {
            super("the node refused the transaction" + (code == null ? "" : " (RPC error " + code + ")") + ": "
                    + message);
            this.code = code;
        }

        /** The JSON-RPC error code, or null when the node did not answer. */
        public Integer code() {
            return code;
        }
    }

    /** The same intent's earlier transaction is still pending: nothing sent, it may yet be mined. */
    public static final class StillPending extends TransactionFailed {
        private final String hash;

        StillPending(String hash) {
            super("an earlier transaction for the same purpose is still pending: " + hash);
            this.hash = hash;
        }

        public String hash() {
            return hash;
        }
    }
}
