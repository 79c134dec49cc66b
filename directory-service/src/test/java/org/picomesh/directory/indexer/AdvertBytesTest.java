package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.events.MarketLog;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.utils.Numeric;

class AdvertBytesTest {
    private static final String KEY = "0x" + "ab".repeat(32);

    @Test
    void encodesTheAdvertAsTheAbiDoesNulAndAllSoThatItHashesAsOnTheChain() {
        for (String endpoint : List.of("https://a.example", "https://nul\0.example/\0\0", "", "é€𝄞".repeat(20))) {
            String cid = "bafy" + "x".repeat(60);
            MarketLog log = advert(endpoint, "did:web:x\0y", BigInteger.TEN.pow(18), 25, 4, "eu\0west", cid);
            String abi = FunctionEncoder.encodeConstructor(List.of(new EngineRegistry.Advert(endpoint, "did:web:x\0y",
                    BigInteger.TEN.pow(18), BigInteger.valueOf(25), BigInteger.valueOf(4), "eu\0west", cid,
                    Numeric.hexStringToByteArray(KEY))));
            assertThat(Numeric.toHexString(AdvertBytes.of(log))).as(endpoint).isEqualTo("0x" + abi);
        }
    }

    @Test
    void keepsTheExactBytesOfAStringThatIsNotUtf8SoThatItStillHashesAsOnTheChain() {
        byte[] endpoint = {'h', 't', 't', 'p', 's', ':', '/', '/', (byte) 0xff, (byte) 0xc3, '(', (byte) 0xed, (byte) 0xa0,
                (byte) 0x80};
        String cid = "bafy";
        MarketLog log = advert("https://\uFFFD\uFFFD(\uFFFD\uFFFD\uFFFD", "did:web:x", BigInteger.ONE, 25, 4, "eu", cid);
        log.args().put("endpoint" + MarketLog.EXACT_BYTES, Numeric.toHexString(endpoint));
        String abi = FunctionEncoder.encodeConstructor(List.of(new DynamicStruct(new DynamicBytes(endpoint),
                new Utf8String("did:web:x"), new Uint256(BigInteger.ONE), new Uint32(25), new Uint32(4), new Utf8String("eu"),
                new Utf8String(cid), new Bytes32(Numeric.hexStringToByteArray(KEY)))));
        assertThat(Numeric.toHexString(AdvertBytes.of(log))).isEqualTo("0x" + abi);
    }

    private static MarketLog advert(String endpoint, String did, BigInteger price, long latency, long capacity,
            String region, String cid) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("engineId", BigInteger.ONE);
        args.put("advertHash", "0x" + "00".repeat(32));
        args.put("endpoint", endpoint);
        args.put("did", did);
        args.put("pricePerHour", price);
        args.put("latencyMs", BigInteger.valueOf(latency));
        args.put("capacity", BigInteger.valueOf(capacity));
        args.put("region", region);
        args.put("metadataCid", cid);
        args.put("encryptionKey", KEY);
        return new MarketLog("AdvertPublished", args, 1, 0, "0x01", "0x02");
    }
}
