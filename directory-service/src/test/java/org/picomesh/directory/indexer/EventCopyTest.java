package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.events.MarketLog;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Events as PostgreSQL's binary COPY reads them; read back here field by field, as the format defines it. */
class EventCopyTest {
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).build();

    @Test
    void hostileStringsSurviveTheBinaryCopyAndJsonRoundTrip() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("engineId", BigInteger.valueOf(7));
        args.put("endpoint", "https://x\",\"kind\":\"forged\\\n\r\t\u0000\u001f<script>alert(1)</script> é 😀 \u2028");
        args.put("stake", new BigInteger("115792089237316195423570985008687907853269984665640564039457584007913129639935"));
        args.put("trusted", true);
        MarketLog hostile = new MarketLog("AdvertPublished", args, 12, 3, "0xb10c", "0x7a");
        MarketLog lease = new MarketLog("LeaseMoved", Map.of("fromLeaseId", BigInteger.TWO, "toEngineId", BigInteger.TEN),
                1L << 40, 0, "0xb1", "0x7b");

        EventCopy copy = EventCopy.of(List.of(hostile, lease));

        List<List<byte[]>> rows = rows(copy.bytes());
        assertThat(copy.count()).isEqualTo(2);
        assertThat(rows).hasSize(2);
        List<byte[]> first = rows.get(0);
        assertThat(first).hasSize(8);
        assertThat(new DataInputStream(new ByteArrayInputStream(first.get(0))).readLong()).isEqualTo(12);
        assertThat(new DataInputStream(new ByteArrayInputStream(first.get(1))).readInt()).isEqualTo(3);
        assertThat(text(first.get(2))).isEqualTo("0xb10c");
        assertThat(text(first.get(3))).isEqualTo("0x7a");
        assertThat(text(first.get(4))).isEqualTo("AdvertPublished");
        assertThat(new DataInputStream(new ByteArrayInputStream(first.get(5))).readLong()).isEqualTo(7);
        assertThat(first.get(6)).as("no lease: NULL").isNull();
        assertThat(JSON.readValue(first.get(7), new TypeReference<Map<String, Object>>() {})).isEqualTo(args);

        List<byte[]> second = rows.get(1);
        assertThat(new DataInputStream(new ByteArrayInputStream(second.get(0))).readLong()).isEqualTo(1L << 40);
        assertThat(new DataInputStream(new ByteArrayInputStream(second.get(5))).readLong()).isEqualTo(10);
        assertThat(new DataInputStream(new ByteArrayInputStream(second.get(6))).readLong()).isEqualTo(2);
    }

    private static String text(byte[] field) {
        return new String(field, StandardCharsets.UTF_8);
    }

    /** Each row's fields (null for NULL) after checking the signature; stops at the trailer and requires the end. */
    private static List<List<byte[]>> rows(byte[] copy) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(copy));
        byte[] signature = in.readNBytes(11);
        assertThat(signature).isEqualTo("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(in.readInt()).as("flags").isZero();
        assertThat(in.readInt()).as("header extension").isZero();
        List<List<byte[]>> rows = new ArrayList<>();
        for (short fields = in.readShort(); fields != -1; fields = in.readShort()) {
            List<byte[]> row = new ArrayList<>();
            for (int f = 0; f < fields; f++) {
                int length = in.readInt();
                row.add(length < 0 ? null : in.readNBytes(length));
            }
            rows.add(row);
        }
        assertThat(in.read()).as("nothing after the trailer").isEqualTo(-1);
        return rows;
    }
}
