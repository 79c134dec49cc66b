package org.picomesh.agent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.picomesh.agent.chain.AgentException;

/** {@code rent: runs out in 2 h 5 min, account cannot top up: needs 0.0031 ETH}: a hosted pico's rent, said plainly. */
final class RentLine {
    private RentLine() {}

    static String of(AgentAdmin admin, String address) {
        JsonNode rent;
        try {
            rent = admin.get("/admin/picos/" + address + "/rent");
        } catch (AgentException e) {
            return "rent: " + e.getMessage();
        }
        String line = "rent: runs out in " + duration(rent.path("secondsLeft").asLong()) + " (paid "
                + duration(rent.path("prepaidSeconds").asLong()) + " ahead when full)";
        return line + switch (rent.path("kind").asText()) {
            case "ACCOUNT_CANNOT_TOP_UP" -> ", account cannot top up: needs " + ether(rent.path("needsWei").asText("0"))
                    + " ETH";
            case "TOPPED_UP" -> ", just topped up from the pico's account";
            case "TOP_UP_PENDING" -> ", a top-up from the pico's account is being mined";
            case "TOP_UP_DUE" -> ", a top-up from the pico's account is due";
            default -> "";
        };
    }

    static String duration(long seconds) {
        if (seconds >= 86_400) {
            return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
        }
        if (seconds >= 3600) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }

    private static String ether(String wei) {
        return new BigDecimal(new BigInteger(wei)).movePointLeft(18).stripTrailingZeros().toPlainString();
    }
}
