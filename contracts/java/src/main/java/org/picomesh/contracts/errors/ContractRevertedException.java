package org.picomesh.contracts.errors;

/** A contract call or transaction reverted; carries the decoded custom error and, once sent, the tx hash. */
public class ContractRevertedException extends RuntimeException {
    private final DecodedError error;
    private final String transactionHash;

    public ContractRevertedException(DecodedError error, String transactionHash) {
        super(error.message() + (transactionHash == null ? "" : " (tx " + transactionHash + ")"));
        this.error = error;
        this.transactionHash = transactionHash;
    }

    /** The decoded error, for example {@code InsufficientStake}. */
    public DecodedError error() {
        return error;
    }

    public String errorName() {
        return error.name();
    }

    /** The hash of the mined transaction that reverted, or {@code null} when it reverted before sending. */
    public String transactionHash() {
        return transactionHash;
    }
}
