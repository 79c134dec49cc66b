package org.picomesh.agent.market;

import java.util.Locale;
import org.web3j.crypto.Credentials;

/** A pico's market key, held only for a signature. Its text form names the address: a key is never printed. */
record PicoKey(Credentials credentials) {
    String address() {
        return credentials.getAddress().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "PicoKey[" + address() + "]";
    }
}
