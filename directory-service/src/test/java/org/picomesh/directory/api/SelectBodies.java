package org.picomesh.directory.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.picomesh.directory.api.BadInputs.BadInput;

/**
 * Bad bodies for {@code POST /api/select}: every field of the placement policy given a value of each wrong kind
 * (the answer names the field), malformed and oddly shaped JSON, oversized documents and the wrong media types.
 */
final class SelectBodies {
    /** Each field by where it sits, with a value of its own kind that is out of range. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("constraints.maxPrice", "\"-1\""), Map.entry("constraints.minStake", "\"1" + "0".repeat(78) + "\""),
            Map.entry("constraints.minFreeCapacity", "-1"), Map.entry("constraints.regions", "[\"" + "x".repeat(65) + "\"]"),
            Map.entry("constraints.maxLatencyMs", "0"), Map.entry("constraints.minAvailability", "1.5"),
            Map.entry("constraints.trustList", "-1"), Map.entry("constraints.trustLists", "[1, -2]"),
            Map.entry("constraints.excludeEngines", "[1, 1.5]"), Map.entry("weights.cost", "101"),
            Map.entry("weights.latency", "-1"), Map.entry("weights.availability", "1e400"),
            Map.entry("weights.stake", "-0.5"), Map.entry("weights.freeCapacity", "1000"),
            Map.entry("currentEngine", "9007199254740992"), Map.entry("hysteresis", "2"),
            Map.entry("moves.sustainedSeconds", "1.5"), Map.entry("moves.maxMoves", "0"),
            Map.entry("moves.windowSeconds", "59"), Map.entry("moves.cooldownSeconds", "99999999999999999999999"),
            Map.entry("limit", "101"), Map.entry("maxExcluded", "-1"));
    private static final List<String> WRONG_KINDS = List.of("\"text\"", "12", "true", "{}", "[]", "[null]");

    private SelectBodies() {}

    static List<BadInput> all() {
        List<BadInput> cases = new ArrayList<>();
        FIELDS.forEach((field, outOfRange) -> {
            cases.add(BadInput.select(field + " out of range", nest(field, outOfRange), field));
            for (String wrong : WRONG_KINDS) {
                boolean numeric = !outOfRange.startsWith("\"") && !outOfRange.startsWith("[");
                boolean allowed = wrong.equals("12") && numeric || wrong.equals("[]") && outOfRange.startsWith("[");
                if (!allowed) {
                    cases.add(BadInput.select(field + " = " + wrong, nest(field, wrong), field));
                }
            }
        });
        for (String array : List.of("constraints.regions", "constraints.trustLists", "constraints.excludeEngines")) {
            cases.add(BadInput.select(array + " holding null", nest(array, "[null]"), array));
            cases.add(BadInput.select(array + " holding null after a value", nest(array, "[1, null]"), array));
            cases.add(BadInput.select(array + " holding an array", nest(array, "[[1]]"), array));
        }
        cases.add(BadInput.select("a region with NUL", nest("constraints.regions", "[\"eu\\u0000\"]"), "constraints.regions"));
        cases.add(BadInput.select("too many regions", nest("constraints.regions", list("\"r\"", 51)), "constraints.regions"));
        cases.add(BadInput.select("too many trust lists", nest("constraints.trustLists", list("1", 21)), "constraints.trustLists"));
        cases.add(BadInput.select("10,001 excluded engines", nest("constraints.excludeEngines", list("1", 10_001)),
                "constraints.excludeEngines"));
        cases.add(BadInput.select("an unknown field", "{\"colour\": 1}", "colour"));
        cases.add(BadInput.select("an unknown nested field", "{\"weights\": {\"speed\": 1}}", "speed"));
        for (String json : List.of("{", "}", "{\"limit\": }", "{\"limit\": 1,}", "{'limit': 1}", "{\"limit\": 01}",
                "{\"limit\": 1} {}", "{\"limit\": 1} x", "[]", "1", "\"policy\"", "true", "null", "{/* c */}", "{\"limit\": NaN}",
                "{\"limit\" 1}", "\u0000", "{\"a\u0000\": 1}", "{\"limit\": \"1\"\"}")) {
            cases.add(BadInput.select("malformed " + BadInputs.shown(json), json, null));
        }
        cases.add(BadInput.select("malformed at a line and column", "{\n  \"limit\": 1,\n  \"weights\": [\n}", "line 4"));
        cases.add(BadInput.select("nested 100 deep", "{\"constraints\": " + "[".repeat(100) + "]".repeat(100) + "}",
                "deep"));
        cases.add(BadInput.select("nested 5,000 deep", "[".repeat(5_000) + "]".repeat(5_000), "deep"));
        cases.add(BadInput.select("nested 5,000 deep in a field", "{\"x\": " + "{\"a\": ".repeat(5_000) + "1" + "}".repeat(5_001),
                "deep"));
        cases.add(BadInput.select("a 300 KB policy", "{\"constraints\": {\"regions\": [\"" + "x".repeat(300_000) + "\"]}}", "bytes"));
        cases.add(BadInput.select("a 3 MB policy", "{\"constraints\": {\"regions\": [\"" + "x".repeat(3_000_000) + "\"]}}",
                "bytes"));
        cases.add(new BadInput("3 MB chunked", "POST /api/select HTTP/1.1",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", chunked(3_000_000), "bytes"));
        cases.add(new BadInput("invalid UTF-8 in the body", "POST /api/select HTTP/1.1", "Content-Type: application/json\r\n",
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, null));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/json; charset=klingon", "nonsense", "application/octet-stream")) {
            cases.add(new BadInput("select as " + type, "POST /api/select HTTP/1.1", "Content-Type: " + type + "\r\n",
                    "{}".getBytes(StandardCharsets.UTF_8), null));
        }
        cases.add(new BadInput("select with no media type", "POST /api/select HTTP/1.1", "", "{}".getBytes(StandardCharsets.UTF_8),
                null));
        cases.add(new BadInput("select accepting only XML", "POST /api/select HTTP/1.1",
                "Content-Type: application/json\r\nAccept: application/xml\r\n", "{}".getBytes(StandardCharsets.UTF_8), null));
        return cases;
    }

    /** {@code {"a": {"b": value}}} for the path {@code a.b}. */
    private static String nest(String path, String value) {
        String[] parts = path.split("\\.");
        StringBuilder json = new StringBuilder();
        for (String part : parts) {
            json.append("{\"").append(part).append("\": ");
        }
        return json.append(value).append("}".repeat(parts.length)).toString();
    }

    private static String list(String item, int count) {
        return "[" + String.join(", ", java.util.Collections.nCopies(count, item)) + "]";
    }

    private static byte[] chunked(int size) {
        StringBuilder body = new StringBuilder("{\"constraints\": {\"regions\": [\"");
        body.append("x".repeat(size)).append("\"]}}");
        byte[] data = body.toString().getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += 65_536) {
            int n = Math.min(65_536, data.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
