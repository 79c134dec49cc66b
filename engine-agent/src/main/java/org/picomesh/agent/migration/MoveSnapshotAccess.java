package org.picomesh.agent.migration;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import org.picomesh.agent.chain.AgentKey;
import org.picomesh.agent.snapshot.Cid;
import org.picomesh.agent.snapshot.SnapshotAccess;
import org.springframework.stereotype.Component;

/**
 * Lets only the target of a move in progress fetch its snapshot: the request carries {@value #HEADER} =
 * {@code <expires>.<signature>}, the target engine's agent key's signature of {@link MoveSignatures#fetch}. A snapshot
 * is sealed to the target anyway; this keeps even its ciphertext (and its size) to the one agent it is for.
 */
@Component
class MoveSnapshotAccess implements SnapshotAccess {
    static final String HEADER = "X-Picomesh-Fetch";
    /** The longest a fetch signature may be valid for: a leaked header is useless soon. */
    static final long MAX_VALIDITY_S = 300;

    private final MoveJournal journal;
    private final MoveChain chain;

    MoveSnapshotAccess(MoveJournal journal, MoveChain chain) {
        this.journal = journal;
        this.chain = chain;
    }

    @Override
    public boolean mayFetch(Cid root, HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        int dot = header == null ? -1 : header.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(header.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        long now = Instant.now().getEpochSecond();
        if (expires < now || expires > now + MAX_VALIDITY_S) {
            return false;
        }
        String message = MoveSignatures.fetch(chain.chainId(), chain.escrowAddress(), root.toString(), expires);
        return MoveSignatures.signer(message, header.substring(dot + 1)).map(signer -> journal.offeredTo(root
                .toString()).map(engine -> {
                    try {
                        return chain.agentOf(engine).equals(signer);
                    } catch (MoveFailure e) {
                        return false;
                    }
                }).orElse(false)).orElse(false);
    }

    /** The header a target sends to fetch {@code cid}, valid for a minute. */
    static Map<String, String> header(Cid cid, MoveChain chain, AgentKey key) {
        long expires = Instant.now().getEpochSecond() + 60;
        String message = MoveSignatures.fetch(chain.chainId(), chain.escrowAddress(), cid.toString(), expires);
        return Map.of(HEADER, expires + "." + MoveSignatures.sign(message, key.credentials()));
    }
}
