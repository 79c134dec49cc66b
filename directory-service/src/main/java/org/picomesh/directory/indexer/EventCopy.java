package org.picomesh.directory.indexer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.picomesh.contracts.events.MarketLog;

/**
 * Events as the CSV that {@code COPY chain_event} reads, already encoded in UTF-8: built by the reader thread so
 * that the writer's transaction only streams bytes.
 */
record EventCopy(byte[] utf8, int count) {
    static final String COLUMNS = "block_number, log_index, block_hash, tx_hash, kind, engine_id, lease_id, payload";

    static EventCopy of(List<MarketLog> events) {
        StringBuilder csv = new StringBuilder(events.size() * 400);
        for (MarketLog e : events) {
            csv.append(e.blockNumber()).append(',').append(e.logIndex()).append(',').append(e.blockHash()).append(',')
                    .append(e.txHash()).append(',').append(e.name()).append(',')
                    .append(Csv.nullable(firstId(e, "engineId", "toEngineId"))).append(',')
                    .append(Csv.nullable(firstId(e, "leaseId", "fromLeaseId"))).append(",\"");
            appendJson(e.args(), csv);
            csv.append("\"\n");
        }
        return new EventCopy(csv.toString().getBytes(StandardCharsets.UTF_8), events.size());
    }

    String csv() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static Long firstId(MarketLog e, String... names) {
        for (String name : names) {
            if (e.args().containsKey(name)) {
                return e.id(name);
            }
        }
        return null;
    }

    /** The arguments as a JSON object, written inside a quoted CSV field, so with every '"' doubled. */
    private static void appendJson(Map<String, Object> args, StringBuilder csv) {
        csv.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> arg : args.entrySet()) {
            csv.append(first ? "" : ",");
            first = false;
            appendString(arg.getKey(), csv);
            csv.append(':');
            Object value = arg.getValue();
            if (value instanceof String text) {
                appendString(text, csv);
            } else if (value instanceof BigInteger number) {
                csv.append(Csv.number(number));
            } else if (value instanceof Boolean flag) {
                csv.append(flag);
            } else {
                throw new IllegalArgumentException("an event argument of unexpected type: " + value);
            }
        }
        csv.append('}');
    }

    /** A JSON string, escaped by Jackson (quotes, backslashes, control characters), its quotes doubled for CSV. */
    private static void appendString(String text, StringBuilder csv) {
        csv.append("\"\"");
        for (char c : JsonStringEncoder.getInstance().quoteAsString(text)) {
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        csv.append("\"\"");
    }
}
