package org.picomesh.directory.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The bad-input table: every endpoint crossed with the mistakes a client makes (wrong types, out-of-range numbers,
 * NUL bytes, undecodable percent-escapes, oversized values, forged cursors, malformed or mistyped JSON, wrong media
 * types and methods) and with what only the servlet container sees (overlong request lines and headers, encoded
 * slashes, raw control characters). Each case says what its answer's detail must name, when it can say.
 */
final class BadInputs {
    /** One request; {@code names} is a word the problem's detail must contain (null: any clear detail). */
    record BadInput(String name, String requestLine, String head, byte[] body, String names) {
        static BadInput get(String name, String target, String names) {
            return new BadInput(name, "GET " + target + " HTTP/1.1", "", null, names);
        }

        static BadInput select(String name, String json, String names) {
            return new BadInput(name, "POST /api/select HTTP/1.1", "Content-Type: application/json\r\n",
                    json.getBytes(StandardCharsets.UTF_8), names);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<String> GET_PATHS = List.of("/api/engines", "/api/engines/1", "/api/market", "/api/stats",
            "/api/picos/did:pkh:eip155:31337:0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
            "/api/schemas/placement-policy.json");
    /** Values no parameter of any kind accepts. */
    private static final List<String> ANY_BAD = List.of("%00", "a%00b", "%FF", "%C3%28", "%E2%82", "%ED%A0%80",
            "%F4%90%80%80", "%C0%AF");
    private static final String WEI_TOO_BIG = "1" + "0".repeat(78);
    private static final Map<String, List<String>> PARAMETERS = Map.ofEntries(
            Map.entry("maxPrice", List.of("abc", "-1", "1.5", "1e3", "0x10", WEI_TOO_BIG, "1" + "0".repeat(300), "%2B%2B1")),
            Map.entry("minStake", List.of("abc", "-1", "1.5", "1e3", "0x10", WEI_TOO_BIG, "NaN", "%20-3")),
            Map.entry("minFreeCapacity", List.of("abc", "-1", "99999999999", "1.5", "1e3", "0x1", "true", "--1")),
            Map.entry("maxLatencyMs", List.of("abc", "0", "-5", "NaN", "-Infinity", "0x", "1e999999x", "1%202")),
            Map.entry("minAvailability", List.of("2", "-0.1", "NaN", "abc", "1.0000001", "Infinity", "1e-400x", "%2C")),
            Map.entry("trustList", List.of("abc", "-1", "99999999999999999999", "1.5", "1e3", "0x2", "%2D1", "1,2")),
            Map.entry("status", List.of("foo", "LISTED", "listed%00", "listed,pending", "x".repeat(1000), "%20listed%20x",
                    "pending;drop", "null")),
            Map.entry("q", List.of("x".repeat(101), "x".repeat(4000), "%01", "a%1Fb", "%7F", "%E2%80%AE%00", "%EF%BF%BF%00",
                    "ok%00")),
            Map.entry("region", List.of("x".repeat(33), "x".repeat(4000), "%01", "eu%0Awest", "%7F", "eu%00", "%09%00",
                    "%E2%80%8B%00")),
            Map.entry("sort", List.of("foo", "--price", "price%00", "-", "PRICE", "price,stake", "x".repeat(500), "score-")),
            Map.entry("limit", List.of("0", "201", "-1", "abc", "1e2", "99999999999", "2.5", "0x10")),
            Map.entry("cursor", cursors()));

    private BadInputs() {}

    /** A new policy for a pico: the body is checked before the lease is looked up, and the ECI never echoed. */
    private static List<BadInput> policyChanges() {
        String leased = "/api/picos/did:pkh:eip155:31337:0x" + "11".repeat(20) + "/policy";
        List<BadInput> cases = new ArrayList<>();
        for (String[] c : new String[][] {{"not JSON", "{\"eci\": ", "JSON"}, {"an array", "[]", "object"},
                {"no ECI", "{\"policy\": {}}", "eci"}, {"ECI with a slash", "{\"eci\": \"ab/cd\", \"policy\": {}}", "eci"},
                {"ECI too long", "{\"eci\": \"" + "a".repeat(65) + "\", \"policy\": {}}", "eci"},
                {"no policy", "{\"eci\": \"abc\"}", "policy"},
                {"policy out of range", "{\"eci\": \"abc\", \"policy\": {\"hysteresis\": 2}}", "hysteresis"},
                {"unknown field", "{\"eci\": \"abc\", \"policy\": {}, \"owner\": 1}", "owner"}}) {
            cases.add(new BadInput("policy change: " + c[0], "POST " + leased + " HTTP/1.1",
                    "Content-Type: application/json\r\n", c[1].getBytes(StandardCharsets.UTF_8), c[2]));
        }
        cases.add(new BadInput("policy change: pico never leased", "POST " + leased + " HTTP/1.1",
                "Content-Type: application/json\r\n", "{\"eci\": \"abc\", \"policy\": {}}"
                        .getBytes(StandardCharsets.UTF_8), "lease"));
        return cases;
    }

    static List<BadInput> all() {
        List<BadInput> cases = new ArrayList<>();
        PARAMETERS.forEach((parameter, values) -> {
            values.forEach(v -> cases.add(BadInput.get(parameter + "=" + shown(v),
                    "/api/engines?" + parameter + "=" + v, parameter.equals("q") ? "q" : parameter)));
            ANY_BAD.forEach(v -> cases.add(BadInput.get(parameter + "=" + v, "/api/engines?" + parameter + "=" + v,
                    null)));
        });
        for (String id : List.of("abc", "-1", "1.5", "99999999999999999999", "%00", "%20", "0x1", "1e3", "%FF", "9".repeat(5000))) {
            cases.add(BadInput.get("engine id " + shown(id), "/api/engines/" + id, null));
        }
        cases.add(BadInput.get("unknown engine", "/api/engines/424242", "424242"));
        for (String did : List.of("abc", "did:pkh:eip155:1", "did:pkh:eip155:31337:0x123", "did:pkh:eip155:31337:0x" + "zz".repeat(20),
                "did:pkh:eip155:99999999999999999999999:0x" + "11".repeat(20), "did:pkh:eip155:31337:0x" + "11".repeat(20) + "%00",
                "did:pkh:eip155:31337:0x" + "1".repeat(4000), "%FF", "did:web:example.com", "did:pkh:eip155:-1:0x" + "11".repeat(20))) {
            cases.add(BadInput.get("pico " + shown(did), "/api/picos/" + did, null));
        }
        cases.add(BadInput.get("pico on another chain", "/api/picos/did:pkh:eip155:1:0x" + "11".repeat(20), "chain"));
        cases.add(BadInput.get("pico never leased", "/api/picos/did:pkh:eip155:31337:0x" + "11".repeat(20), "lease"));
        cases.addAll(policyChanges());
        cases.addAll(SelectBodies.all());
        cases.addAll(Protocol.all());
        return cases;
    }

    private static List<String> cursors() {
        return List.of("!!!", "AAAA", cursor("price|1e999999999|1"), cursor("price|NaN|1"), cursor("price|1|-5"),
                cursor("price|1|99999999999999999999"), cursor("latency|1|1"), cursor("price|" + "9".repeat(2000) + "|1"),
                cursor("price|-1e-99999|1"), cursor("price|1E+2147483647|1"), cursor("price|1e-41|1"),
                cursor("price|1|1|1"), cursor("price|1"), cursor("price|\u0000|1"), "%00" + cursor("price|1|1"),
                cursor("price|1|") , cursor("price|1|1") + "=====");
    }

    private static String cursor(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "...(" + value.length() + " chars)" : value;
    }
}
