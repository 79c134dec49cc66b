package org.picomesh.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/** Words decoded straight from their bytes read what web3j's encoder wrote, on both sides of the long fast path. */
class AbiWordsTest {
    @Test
    void unsignedWordsReadTheSameWhetherTheyFitALongOrNot() {
        BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        for (BigInteger value : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(Long.MAX_VALUE),
                BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), BigInteger.TWO.pow(64), BigInteger.TWO.pow(192), max}) {
            byte[] data = twoWords(TypeEncoder.encode(new Uint256(value)));
            assertThat(AbiWords.word("uint256", data, 32)).as(value.toString()).isEqualTo(value);
        }
    }

    @Test
    void signedAddressAndBoolWords() {
        assertThat(AbiWords.word("int256", twoWords(TypeEncoder.encode(new Int256(-5))), 32)).isEqualTo(BigInteger.valueOf(-5));
        String address = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
        assertThat(AbiWords.word("address", twoWords(TypeEncoder.encode(new Address(address))), 32)).isEqualTo(address);
        assertThat(AbiWords.word("bool", twoWords(TypeEncoder.encode(new Uint256(1))), 32)).isEqualTo(true);
    }

    @Test
    void aWordPastTheEndOfTheDataIsRefused() {
        assertThatThrownBy(() -> AbiWords.word("uint256", new byte[40], 32)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A word of 0xff filler before the encoded one, so that reading at an offset is tested too. */
    private static byte[] twoWords(String encodedHex) {
        byte[] word = Numeric.hexStringToByteArray(encodedHex);
        byte[] data = new byte[64];
        java.util.Arrays.fill(data, 0, 32, (byte) 0xff);
        System.arraycopy(word, 0, data, 32, 32);
        return data;
    }
}
