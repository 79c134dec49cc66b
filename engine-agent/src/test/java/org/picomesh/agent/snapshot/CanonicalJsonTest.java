package org.picomesh.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785's own examples: the same pico state must give the same bytes, hence the same CID. */
class CanonicalJsonTest {

    @Test
    void writesTheRfcsSampleAsTheRfcDoes() {
        // RFC 8785, section 3.2.2 (input) and 3.2.3 (output).
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50,
                              2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;

        assertThat(canonical(input)).isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,"
                + "1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void sortsPropertiesByUtf16CodeUnitsAsTheRfcDoes() {
        // RFC 8785, section 3.2.3: the emoji (a surrogate pair) sorts before U+FB33, which it would not by code point.
        String input = """
                {"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                 "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",
                 "\\u00f6": "Latin Small Letter O With Diaeresis"}
                """;

        assertThat(canonical(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // RFC 8785, appendix B: IEEE 754 bits and their ES6 serialisation.
        "0000000000000000, 0", "8000000000000000, 0", "0000000000000001, 5e-324", "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308", "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992", "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000", "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23", "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000", "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21", "3eb0c6f7a0b5ed8c, 9.999999999999997e-7", "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332", "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333", "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343", "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2"})
    void writesNumbersAsTheRfcsAppendixDoes(String ieee754, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));

        assertThat(canonical("[" + Double.toString(value) + "]")).isEqualTo("[" + expected + "]");
    }

    @Test
    void givesTheSameBytesForTheSameStateWrittenTwoWays() {
        String compact = "{\"b\":[1.0,2],\"a\":{\"y\":\"\\u00e9\",\"x\":null}}";
        String spaced = "{ \"a\" : { \"x\" : null, \"y\" : \"é\" }, \"b\" : [ 1, 2.00 ] }";

        assertThat(canonical(compact)).isEqualTo(canonical(spaced)).isEqualTo("{\"a\":{\"x\":null,\"y\":\"é\"},\"b\":[1,2]}");
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> CanonicalJson.canonicalise("{\"a\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not canonicalisable JSON");
    }

    @Test
    void ordersTheMembersOfNestedObjectsAndKeepsArraysInOrder() {
        String input = "{\"z\":{\"b\":[{\"y\":1,\"x\":2},\"s\"],\"a\":{}},\"a\":[[],{}],\"m\":-0.0}";

        assertThat(canonical(input)).isEqualTo("{\"a\":[[],{}],\"m\":0,\"z\":{\"a\":{},\"b\":[{\"x\":2,\"y\":1},\"s\"]}}");
    }

    @Test
    void writesControlCharactersAndNonAsciiAsTheRfcSays() {
        String input = "[\"\\u0000\\u001f\\b\\t\\u2028\\ud83d\\ude00\\u00e9/\"]";

        assertThat(canonical(input)).isEqualTo("[\"\\u0000\\u001f\\b\\t\u2028\ud83d\ude00\u00e9/\"]");
    }

    @Test
    void givesTheBytesOfTheRfcAuthorsTreeCanonicaliserForAnExport() throws Exception {
        byte[] export = CanonicalHeap.export(300_000);

        assertThat(CanonicalJson.canonicalise(export)).isEqualTo(new org.erdtman.jcs.JsonCanonicalizer(export)
                .getEncodedUTF8());
    }

    @Test
    void writesIntegerLiteralsAsTheirDoublesAsTheRfcAuthorsCanonicaliserDoes() throws Exception {
        String input = "[0,-0,7,-42,2147483648,9007199254740992,9007199254740993,-9007199254740993,"
                + "123456789012345678901234567890,100000000000000000000,1000000000000000000000]";

        assertThat(canonical(input)).isEqualTo(new org.erdtman.jcs.JsonCanonicalizer(input).getEncodedString())
                .startsWith("[0,0,7,-42,2147483648,9007199254740992,9007199254740992,-9007199254740992,");
    }

    @Test
    void writesLongTextOfMixedCharactersAsTheRfcAuthorsCanonicaliserDoes() throws Exception {
        // long runs of plain ASCII are copied whole: escapes, controls, non-ASCII and pairs among them, in strings
        // long enough to cross the parser's text segments
        String[] pieces = {"plain words ", "x", "\\\"", "\\\\", "\\n", "\\u0001", "\\u001f", "\u00e9", "\u20ac",
            "\\ud83d\\ude00", "\ud83d\ude00", "/", "\\u007f", "~"};
        for (long seed = 1; seed <= 40; seed++) {
            java.util.Random random = new java.util.Random(seed);
            StringBuilder json = new StringBuilder("{\"b\":\"");
            int length = random.nextInt(seed % 4 == 0 ? 200_000 : 2_000);
            while (json.length() < length) {
                json.append(random.nextInt(3) == 0 ? "a".repeat(random.nextInt(5_000))
                        : pieces[random.nextInt(pieces.length)]);
            }
            byte[] input = json.append("\",\"a\":[\"").append(pieces[random.nextInt(pieces.length)]).append("\"]}")
                    .toString().getBytes(StandardCharsets.UTF_8);

            assertThat(CanonicalJson.canonicalise(input)).as("seed %d", seed)
                    .isEqualTo(new org.erdtman.jcs.JsonCanonicalizer(input).getEncodedUTF8());
        }
    }

    @Test
    void refusesALoneSurrogateWhichHasNoUtf8Form() {
        assertThatThrownBy(() -> canonical("[\"a\\ud800b\"]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> canonical("[\"a\\udc00\"]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> canonical("{\"\\ud800\":1}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDuplicateNamesAndMoreThanOneValue() {
        assertThatThrownBy(() -> canonical("{\"a\":1,\"b\":2,\"a\":3}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate property: a");
        assertThatThrownBy(() -> canonical("{} {}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> canonical("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> canonical("[1e400]")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String canonical(String json) {
        return new String(CanonicalJson.canonicalise(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
