package org.picomesh.directory.indexer;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.picomesh.contracts.events.MarketLog;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Events as {@code COPY chain_event} reads them in binary ({@link BinaryCopy}), built by the reader thread so that
 * the writer's transaction only streams bytes. Each event's arguments are one JSON object.
 */
record EventCopy(byte[] bytes, int count) {
    static final String COLUMNS = "block_number, log_index, block_hash, tx_hash, kind, engine_id, lease_id, payload";

    static EventCopy of(List<MarketLog> events) {
        BinaryCopy copy = new BinaryCopy(events.size() * 320);
        for (MarketLog e : events) {
            copy.row(8).bigint(e.blockNumber()).integer(e.logIndex()).text(e.blockHash()).text(e.txHash()).text(e.name())
                    .nullableBigint(firstId(e, "engineId", "toEngineId"))
                    .nullableBigint(firstId(e, "leaseId", "fromLeaseId"));
            int payload = copy.startField();
            json(e.args(), copy);
            copy.endField(payload);
        }
        return new EventCopy(copy.finish(), events.size());
    }

    private static Long firstId(MarketLog e, String... names) {
        for (String name : names) {
            if (e.args().containsKey(name)) {
                return e.id(name);
            }
        }
        return null;
    }

    /** The arguments as one JSON object; strangers' strings escaped by Jackson unless plainly printable ASCII. */
    private static void json(Map<String, Object> args, BinaryCopy out) {
        out.ascii("{");
        boolean first = true;
        for (Map.Entry<String, Object> arg : args.entrySet()) {
            out.ascii(first ? "" : ",");
            first = false;
            string(arg.getKey(), out);
            out.ascii(":");
            Object value = arg.getValue();
            if (value instanceof String text) {
                string(text, out);
            } else if (value instanceof BigInteger number) {
                out.ascii(decimal(number));
            } else if (value instanceof Boolean flag) {
                out.ascii(flag.toString());
            } else {
                throw new IllegalArgumentException("an event argument of unexpected type: " + value);
            }
        }
        out.ascii("}");
    }

    /** Most numbers fit a long, whose conversion is many times cheaper than BigInteger's. */
    private static String decimal(BigInteger value) {
        return value.bitLength() < 63 ? Long.toString(value.longValue()) : value.toString();
    }

    private static void string(String text, BinaryCopy out) {
        out.ascii("\"");
        if (plain(text)) {
            out.ascii(text);
        } else {
            out.raw(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        }
        out.ascii("\"");
    }

    /** Printable ASCII with nothing JSON escapes: most arguments (hex, numbers, names). */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
