package org.picomesh.directory.picos;

import java.util.List;
import org.picomesh.contracts.PicoDid;
import org.picomesh.directory.api.BadRequestException;
import org.picomesh.directory.api.NotFoundException;
import org.picomesh.directory.chain.ChainIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a pico lives now, where it lived, and the moves between, from its leases on the chain. A pico is an account:
 * its DID ({@code did:pkh:eip155:<chainId>:<address>}) names the address the escrow keys its leases by.
 */
@RestController
class PicoController {
    /** Where a pico is: its current stay (null when it holds no lease), every stay, and every move asked. */
    record Pico(String did, String address, PicoHistory.Stay current, List<PicoHistory.Stay> history,
            List<PicoHistory.Move> moves) {}

    private final PicoHistory history;
    private final ChainIdentity chain;

    PicoController(PicoHistory history, ChainIdentity chain) {
        this.history = history;
        this.chain = chain;
    }

    @GetMapping("/api/picos/{did}")
    Pico pico(@PathVariable String did) {
        PicoDid pico = parse(did);
        if (pico.chainId() != chain.chainId()) {
            throw new NotFoundException("the pico " + pico + " lives on chain " + pico.chainId()
                    + "; this directory indexes chain " + chain.chainId());
        }
        List<PicoHistory.Stay> stays = history.stays(pico.address());
        if (stays.isEmpty()) {
            throw new NotFoundException("the pico " + pico + " has never held a lease");
        }
        PicoHistory.Stay current = stays.stream().filter(s -> s.status().equals("active")).reduce((a, b) -> b)
                .orElse(null);
        return new Pico(pico.toString(), pico.address(), current, stays, history.moves(stays));
    }

    private static PicoDid parse(String did) {
        try {
            return PicoDid.parse(did);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
