package org.picomesh.agent.migration;

import java.security.KeyPair;

/**
 * The agent's X25519 key pair, which snapshots moving to this engine are sealed to. Its text form names nothing of the
 * key. Absent ({@code pair} null) when the agent was given none: it then refuses offers (it could not open them).
 */
public record EncryptionKey(KeyPair pair) {
    @Override
    public String toString() {
        return pair == null ? "EncryptionKey[none]" : "EncryptionKey[X25519]";
    }
}
