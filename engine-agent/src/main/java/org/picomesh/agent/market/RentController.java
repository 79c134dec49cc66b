package org.picomesh.agent.market;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.picomesh.agent.LoopbackOnly;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A hosted pico's rent as the chain shows it now (for {@code pico status}), on the loopback admin API. */
@RestController
class RentController {
    private final RentKeeper keeper;

    RentController(RentKeeper keeper) {
        this.keeper = keeper;
    }

    @GetMapping("/admin/picos/{pico}/rent")
    RentStates.RentState rent(@PathVariable String pico, HttpServletRequest http) {
        LoopbackOnly.require(http);
        if (pico == null || !pico.matches("0x[0-9a-fA-F]{40}")) {
            throw new MarketRefusal(HttpStatus.BAD_REQUEST, "a pico is named by its address (0x and 40 hex digits)");
        }
        String address = pico.toLowerCase(Locale.ROOT);
        try {
            return keeper.keep(address, false).orElseThrow(() -> new MarketRefusal(HttpStatus.NOT_FOUND,
                    "pico " + address + " has no lease on this agent's engine"));
        } catch (MarketRefusal e) {
            throw e;
        } catch (Exception e) {
            throw new MarketRefusal(HttpStatus.SERVICE_UNAVAILABLE, "cannot read the rent of pico " + address
                    + " from the chain: " + e.getMessage());
        }
    }
}
