package org.picomesh.contracts.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/** Every custom error either contract can raise decodes into a sentence, with every argument filled in. */
class ContractErrorsTest {
    record ErrorCase(String name, List<Type> arguments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<ErrorCase> everyError() throws Exception {
        List<ErrorCase> cases = new ArrayList<>();
        for (String contract : List.of("EngineRegistry", "LeaseEscrow")) {
            try (InputStream in = ContractErrors.class.getResourceAsStream("/org/picomesh/contracts/" + contract + ".abi")) {
                for (JsonNode entry : new ObjectMapper().readTree(in)) {
                    if ("error".equals(entry.path("type").asText())) {
                        List<Type> arguments = new ArrayList<>();
                        entry.path("inputs").forEach(input -> arguments.add(sample(input.path("type").asText())));
                        cases.add(new ErrorCase(entry.path("name").asText(), arguments));
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("everyError")
    void decodesIntoASentenceNamingTheError(ErrorCase error) {
        String data = FunctionEncoder.encode(new Function(error.name(), error.arguments(), List.of()));

        DecodedError decoded = ContractErrors.market().decode(data);

        assertThat(decoded.name()).isEqualTo(error.name());
        assertThat(decoded.arguments()).hasSize(error.arguments().size());
        assertThat(decoded.message()).startsWith(error.name() + ": ").doesNotContain("{").doesNotContain("}");
        if (decoded.arguments().containsValue(BigInteger.valueOf(42))) {
            assertThat(decoded.message()).contains("42");
        }
    }

    @org.junit.jupiter.api.Test
    void saysSoWhenTheRevertHasNoDataOrAnUnknownSelector() {
        assertThat(ContractErrors.market().decode("0x").message()).contains("without a reason");
        assertThat(ContractErrors.market().decode("0xdeadbeef").message()).contains("unknown error 0xdeadbeef");
    }

    private static Type sample(String solidityType) {
        return switch (solidityType) {
            case "uint256" -> new Uint256(42);
            case "uint8" -> new Uint8(8);
            case "uint48" -> new org.web3j.abi.datatypes.generated.Uint48(42);
            case "address" -> new Address("0x00000000000000000000000000000000000000aa");
            case "string" -> new Utf8String("endpoint");
            case "bytes32" -> new Bytes32(new byte[32]);
            case "bool" -> new Bool(true);
            default -> throw new IllegalArgumentException("add a sample for " + solidityType);
        };
    }
}
