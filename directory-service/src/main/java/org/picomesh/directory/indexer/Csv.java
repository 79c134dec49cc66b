package org.picomesh.directory.indexer;

/** Fields for PostgreSQL's COPY in CSV format: strangers' strings quoted, absent numbers empty (NULL). */
final class Csv {
    private Csv() {}

    static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    static String nullable(Long value) {
        return value == null ? "" : value.toString();
    }
}
