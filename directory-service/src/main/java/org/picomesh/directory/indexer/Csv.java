package org.picomesh.directory.indexer;

import java.math.BigInteger;

/** Fields for PostgreSQL's COPY in CSV format: strangers' strings quoted, absent numbers empty (NULL). */
final class Csv {
    private Csv() {}

    static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** A number in decimal; most fit a long, whose conversion is many times cheaper than BigInteger's. */
    static String number(BigInteger value) {
        return value.bitLength() < 63 ? Long.toString(value.longValue()) : value.toString();
    }

    static String nullable(Long value) {
        return value == null ? "" : value.toString();
    }
}
