package org.picomesh.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/** Strings from the chain are whatever bytes their sender chose: the decoder keeps those that are not UTF-8 exact. */
class EventDecoderTest {
    private static final String ADVERT_PUBLISHED =
            "AdvertPublished(uint256,bytes32,string,string,uint256,uint32,uint32,string,string,bytes32)";

    @Test
    void aStringThatIsNotUtf8IsShownWithReplacementCharactersAndKeptByteForByte() {
        byte[] endpoint = {'h', 't', 't', 'p', ':', '/', '/', (byte) 0xff, 'x', (byte) 0xc3, (byte) 0x28, (byte) 0xe2, (byte) 0x82};
        MarketLog log = EventDecoder.market().decode(advertLog(endpoint, "did:web:é\0".getBytes(StandardCharsets.UTF_8)))
                .orElseThrow();
        assertThat(log.text("endpoint")).isEqualTo("http://\uFFFDx\uFFFD(\uFFFD");
        assertThat(log.exactBytes("endpoint")).isEqualTo(endpoint);
        assertThat(log.text("did")).isEqualTo("did:web:é\0");
        assertThat(log.exactBytes("did")).isEqualTo("did:web:é\0".getBytes(StandardCharsets.UTF_8));
        assertThat(log.args()).as("valid strings carry nothing beside them")
                .containsKey("endpoint" + MarketLog.EXACT_BYTES).doesNotContainKey("did" + MarketLog.EXACT_BYTES)
                .doesNotContainKey("region" + MarketLog.EXACT_BYTES);
    }

    private static Log advertLog(byte[] endpoint, byte[] did) {
        List<Type> data = List.of(new Bytes32(new byte[32]), new DynamicBytes(endpoint), new DynamicBytes(did),
                new Uint256(BigInteger.TEN), new Uint32(25), new Uint32(4), new DynamicBytes("eu".getBytes(StandardCharsets.UTF_8)),
                new DynamicBytes(new byte[0]));
        Log log = new Log();
        log.setTopics(List.of(Hash.sha3String(ADVERT_PUBLISHED), Numeric.toHexStringWithPrefixZeroPadded(BigInteger.ONE, 64),
                "0x" + "ab".repeat(32)));
        // bytes and string share one ABI encoding, so DynamicBytes writes what a sender of arbitrary bytes would
        log.setData("0x" + FunctionEncoder.encodeConstructor(data));
        log.setBlockNumber("0x1");
        log.setLogIndex("0x0");
        log.setBlockHash("0x01");
        log.setTransactionHash("0x02");
        return log;
    }
}
