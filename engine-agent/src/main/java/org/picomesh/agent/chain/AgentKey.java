package org.picomesh.agent.chain;

import org.web3j.crypto.Credentials;

/**
 * The key the daemon signs with: the engine's agent (hot) key, from a keystore or PICOMESH_AGENT_KEY. Its text form
 * names the address only: a key is never printed or logged.
 */
public record AgentKey(Credentials credentials) {
    @Override
    public String toString() {
        return "AgentKey[" + credentials.getAddress() + "]";
    }
}
