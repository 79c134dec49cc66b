package org.picomesh.agent.chain;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * Where the operator's key comes from: an encrypted keystore (password from the environment or typed at the
 * console), else the environment. Keys are never read from arguments (they would sit in shell history and
 * process lists) and never printed.
 */
public final class Keys {
    static final String KEY_ENV = "PICOMESH_PRIVATE_KEY";
    /** The daemon's key: the engine's agent (hot) key, never its operator's. */
    static final String AGENT_KEY_ENV = "PICOMESH_AGENT_KEY";
    static final String PASSWORD_ENV = "PICOMESH_KEYSTORE_PASSWORD";

    private Keys() {}

    /** The operator's key, for the command line. */
    public static Credentials load(Path keystore) {
        return load(keystore, KEY_ENV);
    }

    /** The agent (hot) key the daemon runs on. */
    public static Credentials loadAgent(Path keystore) {
        return load(keystore, AGENT_KEY_ENV);
    }

    private static Credentials load(Path keystore, String keyEnv) {
        if (keystore != null) {
            return fromKeystore(keystore);
        }
        String key = System.getenv(keyEnv);
        if (key == null || key.isBlank()) {
            throw new AgentException("no key: give a keystore (password in " + PASSWORD_ENV + ") or set " + keyEnv);
        }
        if (!WalletUtils.isValidPrivateKey(key.strip())) {
            throw new AgentException(keyEnv + " is not a valid private key (64 hex digits)");
        }
        return Credentials.create(key.strip());
    }

    private static Credentials fromKeystore(Path keystore) {
        if (!Files.isReadable(keystore)) {
            throw new AgentException("cannot read the keystore " + keystore);
        }
        try {
            return WalletUtils.loadCredentials(password(), keystore.toFile());
        } catch (CipherException e) {
            throw new AgentException("wrong password for the keystore " + keystore);
        } catch (IOException e) {
            throw new AgentException("unreadable keystore " + keystore + ": " + e.getMessage());
        }
    }

    private static String password() {
        String password = System.getenv(PASSWORD_ENV);
        if (password != null) {
            return password;
        }
        Console console = System.console();
        if (console == null) {
            throw new AgentException("set " + PASSWORD_ENV + " (no console to ask for the keystore password)");
        }
        return new String(console.readPassword("keystore password: "));
    }
}
