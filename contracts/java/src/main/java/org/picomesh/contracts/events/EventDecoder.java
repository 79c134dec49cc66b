package org.picomesh.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.picomesh.contracts.Abis;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Decodes the logs of the registry and the escrow into {@link MarketLog}s, with the event definitions read
 * from the compiled ABIs (no hand-kept list to fall out of date).
 */
public final class EventDecoder {
    private static final EventDecoder MARKET = load("EngineRegistry", "LeaseEscrow");

    private record Input(String name, String type, boolean indexed) {}

    private record EventAbi(String name, List<Input> inputs) {}

    private final Map<String, EventAbi> byTopic;

    private EventDecoder(Map<String, EventAbi> byTopic) {
        this.byTopic = byTopic;
    }

    public static EventDecoder market() {
        return MARKET;
    }

    /** The topics (event signature hashes) of every event, to filter logs by. */
    public List<String> topics() {
        return List.copyOf(byTopic.keySet());
    }

    /** Decodes a log, or nothing when it is not one of the market's events. */
    public Optional<MarketLog> decode(Log log) {
        if (log.getTopics().isEmpty() || log.isRemoved()) {
            return Optional.empty();
        }
        EventAbi abi = byTopic.get(log.getTopics().get(0));
        if (abi == null) {
            return Optional.empty();
        }
        byte[] data = AbiWords.bytes(log.getData());
        Map<String, Object> args = new LinkedHashMap<>();
        int topic = 1;
        int head = 0;
        for (Input input : abi.inputs()) {
            if (input.indexed()) {
                args.put(input.name(), AbiWords.word(input.type(), AbiWords.bytes(log.getTopics().get(topic++)), 0));
            } else if (input.type().equals("string")) {
                string(input.name(), AbiWords.dynamicBytes(data, head), args);
                head += 32;
            } else {
                args.put(input.name(), AbiWords.isDynamic(input.type())
                        ? AbiWords.dynamic(input.type(), data, head) : AbiWords.word(input.type(), data, head));
                head += 32;
            }
        }
        return Optional.of(new MarketLog(abi.name(), args, AbiWords.quantity(log.getBlockNumberRaw()),
                Math.toIntExact(AbiWords.quantity(log.getLogIndexRaw())), log.getBlockHash(), log.getTransactionHash()));
    }

    /**
     * A string argument as text; when its bytes are not valid UTF-8 (the chain checks nothing), the text has U+FFFD
     * for each bad sequence and the exact bytes go beside it ({@link MarketLog#exactBytes}), so that what hashes
     * them (an advert) still can.
     */
    private static void string(String name, byte[] bytes, Map<String, Object> args) {
        Optional<String> strict = AbiWords.strictUtf8(bytes);
        args.put(name, strict.orElseGet(() -> new String(bytes, StandardCharsets.UTF_8)));
        if (strict.isEmpty()) {
            args.put(name + MarketLog.EXACT_BYTES, Numeric.toHexString(bytes));
        }
    }

    private static EventDecoder load(String... contracts) {
        Map<String, EventAbi> byTopic = new HashMap<>();
        for (JsonNode entry : Abis.entries("event", contracts)) {
            List<Input> inputs = new ArrayList<>();
            for (JsonNode input : entry.path("inputs")) {
                inputs.add(new Input(input.path("name").asText(), input.path("type").asText(),
                        input.path("indexed").asBoolean()));
            }
            byTopic.put(Hash.sha3String(Abis.signature(entry)), new EventAbi(entry.path("name").asText(), inputs));
        }
        return new EventDecoder(byTopic);
    }
}
