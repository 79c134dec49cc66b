package org.picomesh.agent.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.picomesh.agent.chain.EncryptionKeyFile;

/**
 * A demo agent's encryption key: the sample adverts name X25519 keys nobody holds the private half of, and a target
 * refuses a move it cannot open. So each demo agent gets a key pair of its own, generated into its state folder beside
 * its keystore (where the daemon looks for it), and the engine advertises that pair's public half.
 */
final class DemoEncryptionKeys {
    private DemoEncryptionKeys() {}

    /** The public key (0x + 64 hex) of the key beside {@code agentKeystore}, made now unless it is there already. */
    static String of(Path agentKeystore, String password) {
        Path file = EncryptionKeyFile.besideKeystore(agentKeystore);
        if (!Files.exists(file)) {
            return EncryptionKeyFile.create(file, password, true);
        }
        return "0x" + HexFormat.of().formatHex(EncryptionKeyFile.raw(EncryptionKeyFile.load(file, password)
                .getPublic()));
    }
}
