package org.picomesh.agent.chain;

import java.util.Locale;
import org.web3j.protocol.core.Response;

/** What a node's refusal of a raw transaction means for the nonce; geth, anvil, Besu and Nethermind word it apart. */
enum NodeReplies {
    /** The nonce was mined already: by this transaction, an earlier copy of it, or another one. */
    NONCE_USED,
    /** The very same transaction is in the pool already. */
    ALREADY_KNOWN,
    /** A pending transaction with this nonce pays more than the replacement rule allows to replace. */
    UNDERPRICED,
    /** Anything else: funds, gas, a malformed transaction. */
    OTHER;

    static NodeReplies of(Response.Error error) {
        String text = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("nonce too low") || text.contains("nonce has already been used")
                || text.contains("oldnonce")) {
            return NONCE_USED;
        }
        if (text.contains("already known") || text.contains("already imported") || text.contains("alreadyknown")) {
            return ALREADY_KNOWN;
        }
        if (text.contains("underpriced")) {
            return UNDERPRICED;
        }
        return OTHER;
    }
}
