package org.picomesh.contracts.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.Abis;
import org.picomesh.contracts.events.MarketLog;
import org.picomesh.contracts.follow.MarketEvent.EngineSlashed;
import org.picomesh.contracts.follow.MarketEvent.LeaseClosed;
import org.picomesh.contracts.follow.MarketEvent.ParameterChanged;
import org.picomesh.contracts.follow.MarketEvent.UnbondRequested;

/** The typed events match the compiled ABIs one to one, names and arguments, and refuse what they cannot hold. */
class MarketEventsTest {
    private static final List<JsonNode> EVENTS = Abis.entries("event", "EngineRegistry", "LeaseEscrow");
    private static final String ADDRESS = "0x70997970c51812dc3a010c7d01b6e8d8a8c6b4c8";
    private static final String WORD = "0x6d696e5374616b65000000000000000000000000000000000000000000000000";

    @Test
    void everyEventOfBothAbisHasARecordNamedAfterItWithTheAbisArguments() {
        assertThat(EVENTS).hasSizeGreaterThanOrEqualTo(33);
        for (JsonNode abi : EVENTS) {
            Located<MarketEvent> located = MarketEvents.from(sampleOf(abi));
            Class<?> record = located.event().getClass();
            List<String> inputs = inputs(abi).keySet().stream().toList();
            assertThat(record.getSimpleName()).isEqualTo(abi.path("name").asText());
            assertThat(Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).toList())
                    .as("the arguments of %s", record.getSimpleName()).isEqualTo(inputs);
        }
    }

    @Test
    void everyRecordIsAnEventOfTheAbis() {
        Set<String> abiNames = EVENTS.stream().map(e -> e.path("name").asText()).collect(Collectors.toSet());
        Set<String> records = Arrays.stream(MarketEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(records).isEqualTo(abiNames);
    }

    @Test
    void readsEnumsTimesAndParameterNamesAsTheirTypes() {
        LeaseClosed closed = (LeaseClosed) MarketEvents.from(log("LeaseClosed", Map.of("leaseId", big(4), "engineId",
                big(2), "pico", ADDRESS, "reason", big(3), "accrued", big(10), "refund", big(5)))).event();
        assertThat(closed.reason()).isEqualTo(EndReason.STOPPED);
        EngineSlashed slashed = (EngineSlashed) MarketEvents.from(log("EngineSlashed", Map.of("engineId", big(1),
                "cause", big(1), "by", ADDRESS, "amount", big(1), "stake", big(9), "unbonding", big(0), "caseId", WORD,
                "reasonCid", "bafy"))).event();
        assertThat(slashed.cause()).isEqualTo(SlashCause.ARBITER);
        UnbondRequested unbond = (UnbondRequested) MarketEvents.from(log("UnbondRequested", Map.of("engineId", big(1),
                "amount", big(1), "stake", big(1), "unbonding", big(1), "unlockAt", big(1_700_000_000)))).event();
        assertThat(unbond.unlockAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        ParameterChanged changed = (ParameterChanged) MarketEvents.from(log("ParameterChanged", Map.of("name", WORD,
                "oldValue", big(1), "newValue", big(2)))).event();
        assertThat(changed.parameter()).isEqualTo("minStake");
        assertThat(changed.name()).isEqualTo(WORD);
    }

    @Test
    void refusesAnUnknownEventAnUnknownEnumCodeAndAnIdBeyondALong() {
        assertThatThrownBy(() -> MarketEvents.from(log("Transfer", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Transfer");
        assertThatThrownBy(() -> MarketEvents.from(log("LeaseClosed", Map.of("leaseId", big(4), "engineId", big(2),
                "pico", ADDRESS, "reason", big(9), "accrued", big(10), "refund", big(5)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EndReason 9");
        assertThatThrownBy(() -> MarketEvents.from(log("EngineResumed", Map.of("engineId", BigInteger.TWO.pow(64),
                "epoch", big(1))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EngineResumed in block 7");
    }

    /** A log of the ABI event with a plausible value of each argument's type. */
    private static MarketLog sampleOf(JsonNode abi) {
        Map<String, Object> args = new LinkedHashMap<>();
        inputs(abi).forEach((name, type) -> args.put(name, switch (type) {
            case "address" -> ADDRESS;
            case "bytes32" -> WORD;
            case "string" -> "text";
            case "bool" -> true;
            default -> type.startsWith("uint") ? big(1) : fail(type);
        }));
        return log(abi.path("name").asText(), args);
    }

    private static Map<String, String> inputs(JsonNode abi) {
        Map<String, String> inputs = new LinkedHashMap<>();
        abi.path("inputs").forEach(input -> inputs.put(input.path("name").asText(), input.path("type").asText()));
        return inputs;
    }

    private static MarketLog log(String name, Map<String, Object> args) {
        return new MarketLog(name, args, 7, 0, "0x" + "ab".repeat(32), "0x" + "cd".repeat(32));
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    private static Object fail(String type) {
        throw new AssertionError("the ABIs use a type the test cannot sample: " + type);
    }
}
