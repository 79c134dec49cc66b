package org.picomesh.contracts.errors;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.picomesh.contracts.Abis;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Decodes revert data of picomesh's contracts into readable messages. The error definitions come from the
 * compiled ABIs, so every custom error (ours and OpenZeppelin's) is known without a hand-kept list; the
 * sentences come from {@code errors.properties}.
 */
public final class ContractErrors {
    private static final String ERROR_STRING = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";
    private static final ContractErrors MARKET = load("EngineRegistry", "LeaseEscrow");

    private final Map<String, ErrorAbi> bySelector;
    private final Properties sentences;

    private record ErrorAbi(String name, List<String> names, List<TypeReference<Type>> types) {}

    private ContractErrors(Map<String, ErrorAbi> bySelector, Properties sentences) {
        this.bySelector = bySelector;
        this.sentences = sentences;
    }

    /** The decoder for the registry's and the escrow's errors. */
    public static ContractErrors market() {
        return MARKET;
    }

    /** Decodes revert data (a hex string starting with the 4-byte selector). */
    public DecodedError decode(String revertData) {
        String data = revertData == null ? "" : revertData.strip().toLowerCase();
        if (data.length() < 10) {
            return new DecodedError("Reverted", Map.of(), "the transaction reverted without a reason");
        }
        String selector = data.substring(0, 10);
        if (selector.equals(ERROR_STRING)) {
            String reason = (String) decodeValues(List.of("string"), data).get(0).getValue();
            return new DecodedError("Error", Map.of("reason", reason), "reverted: " + reason);
        }
        if (selector.equals(PANIC)) {
            BigInteger code = (BigInteger) decodeValues(List.of("uint256"), data).get(0).getValue();
            return new DecodedError("Panic", Map.of("code", code), "the contract panicked (code 0x" + code.toString(16) + ")");
        }
        ErrorAbi abi = bySelector.get(selector);
        if (abi == null) {
            return new DecodedError("Unknown", Map.of("data", data), "the contract reverted with an unknown error " + selector);
        }
        List<Type> values = FunctionReturnDecoder.decode(data.substring(10), abi.types());
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            arguments.put(abi.names().get(i), readable(values.get(i).getValue()));
        }
        return new DecodedError(abi.name(), arguments, abi.name() + ": " + sentence(abi.name(), arguments));
    }

    private String sentence(String name, Map<String, Object> arguments) {
        String template = sentences.getProperty(name);
        if (template == null) {
            return arguments.toString();
        }
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            template = template.replace("{" + argument.getKey() + "}", String.valueOf(argument.getValue()));
        }
        return template;
    }

    /** bytes32 names (as in ParameterOutOfBounds) read as text; everything else as its plain value. */
    private static Object readable(Object value) {
        if (value instanceof byte[] bytes) {
            String text = new String(bytes, StandardCharsets.US_ASCII).replace("\0", "");
            return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? text : Numeric.toHexString(bytes);
        }
        return value;
    }

    private static List<Type> decodeValues(List<String> types, String data) {
        List<TypeReference<Type>> refs = types.stream().map(Abis::typeReference).toList();
        return FunctionReturnDecoder.decode(data.substring(10), refs);
    }

    private static ContractErrors load(String... contracts) {
        Map<String, ErrorAbi> bySelector = new HashMap<>();
        for (JsonNode entry : Abis.entries("error", contracts)) {
            List<String> names = new ArrayList<>();
            List<TypeReference<Type>> types = new ArrayList<>();
            entry.path("inputs").forEach(input -> {
                names.add(input.path("name").asText());
                types.add(Abis.typeReference(input.path("type").asText()));
            });
            ErrorAbi abi = new ErrorAbi(entry.path("name").asText(), names, types);
            bySelector.put(Hash.sha3String(Abis.signature(entry)).substring(0, 10), abi);
        }
        Properties sentences = new Properties();
        try (InputStream in = ContractErrors.class.getResourceAsStream("errors.properties")) {
            sentences.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ContractErrors(bySelector, sentences);
    }
}
