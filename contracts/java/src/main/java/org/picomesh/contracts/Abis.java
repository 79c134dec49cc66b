package org.picomesh.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;

/** The compiled ABIs on the classpath (copied there by the build), for decoders that must know every entry. */
public final class Abis {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Abis() {}

    /** The ABI entries of the given type ("event", "error") of the named contracts. */
    public static List<JsonNode> entries(String type, String... contracts) {
        List<JsonNode> entries = new ArrayList<>();
        for (String contract : contracts) {
            for (JsonNode entry : read(contract)) {
                if (type.equals(entry.path("type").asText())) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /** The canonical signature of an event or error, as its selector is hashed from. */
    public static String signature(JsonNode entry) {
        List<String> types = new ArrayList<>();
        entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
        return entry.path("name").asText() + "(" + String.join(",", types) + ")";
    }

    @SuppressWarnings("unchecked")
    public static TypeReference<Type> typeReference(String solidityType) {
        try {
            return (TypeReference<Type>) TypeReference.makeTypeReference(solidityType);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unsupported ABI type " + solidityType, e);
        }
    }

    private static JsonNode read(String contract) {
        String path = "/org/picomesh/contracts/" + contract + ".abi";
        try (InputStream in = Abis.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the compiled ABI " + path + " is not on the classpath: run the build");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
