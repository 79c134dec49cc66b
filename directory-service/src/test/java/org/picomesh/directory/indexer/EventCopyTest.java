package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.events.MarketLog;

class EventCopyTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    @Test
    void hostileStringsSurviveTheCsvAndJsonRoundTrip() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("engineId", BigInteger.valueOf(7));
        args.put("endpoint", "https://x\",\"kind\":\"forged\\\n\r\t\u0000\u001f<script>alert(1)</script> é 😀 \u2028");
        args.put("stake", new BigInteger("115792089237316195423570985008687907853269984665640564039457584007913129639935"));
        args.put("trusted", true);
        MarketLog log = new MarketLog("AdvertPublished", args, 12, 3, "0xb10c", "0x7a");

        EventCopy copy = EventCopy.of(List.of(log));

        String line = copy.csv();
        assertThat(line).startsWith("12,3,0xb10c,0x7a,AdvertPublished,7,,\"").endsWith("\"\n");
        String field = line.substring(line.indexOf(",\"") + 2, line.lastIndexOf("\"\n"));
        String json = field.replace("\"\"", "\"");
        assertThat(JSON.readValue(json, new TypeReference<Map<String, Object>>() {})).isEqualTo(args);
        assertThat(copy.count()).isEqualTo(1);
    }
}
