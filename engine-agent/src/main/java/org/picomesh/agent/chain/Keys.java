package org.picomesh.agent.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * Where the operator's key comes from: an encrypted keystore (password from the environment or typed at the
 * console), else the environment. Keys are never read from arguments (they would sit in shell history and
 * process lists) and never printed. The environment is a parameter so that tests can give their own; the
 * one-argument methods read the process's.
 */
public final class Keys {
    public static final String KEY_ENV = "PICOMESH_PRIVATE_KEY";
    /** The daemon's key: the engine's agent (hot) key, never its operator's. */
    public static final String AGENT_KEY_ENV = "PICOMESH_AGENT_KEY";
    /** A pico owner's key, which funds the pico's account ({@code pico enroll}). */
    public static final String OWNER_KEY_ENV = "PICOMESH_OWNER_KEY";
    static final String PASSWORD_ENV = Passwords.PASSWORD_ENV;

    private Keys() {}

    /** The operator's key, for the command line. */
    public static Credentials load(Path keystore) {
        return load(keystore, System.getenv());
    }

    /** The operator's key, from the keystore or else {@value #KEY_ENV} of {@code env}. */
    public static Credentials load(Path keystore, Map<String, String> env) {
        return load(keystore, KEY_ENV, env);
    }

    /** A pico owner's key, from the keystore or else {@value #OWNER_KEY_ENV} of {@code env}. */
    public static Credentials loadOwner(Path keystore, Map<String, String> env) {
        return load(keystore, OWNER_KEY_ENV, env);
    }

    /** The agent (hot) key the daemon runs on. */
    public static Credentials loadAgent(Path keystore) {
        return load(keystore, AGENT_KEY_ENV, System.getenv());
    }

    /**
     * Writes a new account's keystore (Web3j's, scrypt: N = 2^18, or 2^12 with {@code lightKdf}) readable by its
     * owner only, and returns its address; the key itself never leaves this method.
     */
    public static String create(Path keystore, String password, boolean lightKdf) {
        SecretFiles.requireAbsent(keystore);
        try {
            ECKeyPair pair = org.web3j.crypto.Keys.createEcKeyPair();
            WalletFile wallet = lightKdf ? Wallet.createLight(password, pair) : Wallet.createStandard(password, pair);
            SecretFiles.write(keystore, ObjectMapperFactory.getObjectMapper().writeValueAsBytes(wallet));
            return org.web3j.crypto.Keys.toChecksumAddress(wallet.getAddress());
        } catch (GeneralSecurityException | CipherException | IOException e) {
            throw new AgentException("cannot create a key: " + e.getMessage());
        }
    }

    private static Credentials load(Path keystore, String keyEnv, Map<String, String> env) {
        if (keystore != null) {
            return fromKeystore(keystore, env);
        }
        String key = env.get(keyEnv);
        if (key == null || key.isBlank()) {
            throw new AgentException("no key: give a keystore (password in " + PASSWORD_ENV + ") or set " + keyEnv);
        }
        if (!WalletUtils.isValidPrivateKey(key.strip())) {
            throw new AgentException(keyEnv + " is not a valid private key (64 hex digits)");
        }
        return Credentials.create(key.strip());
    }

    private static Credentials fromKeystore(Path keystore, Map<String, String> env) {
        if (!Files.isRegularFile(keystore) || !Files.isReadable(keystore)) {
            throw new AgentException("cannot read the keystore " + keystore);
        }
        String password = Passwords.existing(env, keystore);
        try {
            return WalletUtils.loadCredentials(password, keystore.toFile());
        } catch (CipherException e) {
            throw new AgentException(String.valueOf(e.getMessage()).contains("password")
                    ? "wrong password for the keystore " + keystore
                    : "not a usable keystore: " + keystore + " (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            throw new AgentException("not a keystore: " + keystore + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
