package org.picomesh.directory.indexer;

/** Another instance took over the indexer: this one's checkpoint write was refused and rolled back. */
class FencedOffException extends RuntimeException {
    private final long token;
    private final long current;

    FencedOffException(long token, long current) {
        super("another instance took over the indexer: this one's turn " + token + " ended, the current one is "
                + current + "; the write was refused");
        this.token = token;
        this.current = current;
    }

    long token() {
        return token;
    }

    long current() {
        return current;
    }
}
