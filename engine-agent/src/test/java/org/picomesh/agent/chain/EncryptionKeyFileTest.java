package org.picomesh.agent.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeyFileTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    @Test
    void keepsAnX25519PairWhosePublicHalfIsWhatAdvertsCarry() throws Exception {
        Path file = dir.resolve("agent.x25519.json");
        String publicKey = EncryptionKeyFile.create(file, PASSWORD, true);
        assertThat(publicKey).matches("0x[0-9a-f]{64}");
        KeyPair pair = EncryptionKeyFile.load(file, PASSWORD);
        assertThat("0x" + HexFormat.of().formatHex(EncryptionKeyFile.raw(pair.getPublic()))).isEqualTo(publicKey);
        // a sender who knows only the advertised key and the agent agree on the same secret
        KeyPair sender = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        assertThat(agree(sender, pair)).isEqualTo(agree(pair, sender));
    }

    @Test
    void aWrongPasswordSaysSo() {
        Path file = dir.resolve("agent.x25519.json");
        EncryptionKeyFile.create(file, PASSWORD, true);
        assertThatThrownBy(() -> EncryptionKeyFile.load(file, "not the password")).isInstanceOf(AgentException.class)
                .hasMessage("wrong password for the encryption key " + file);
    }

    @Test
    void theFileHoldsNoPrivateKeyInTheClearIsTheOwnersOnlyAndIsNeverWrittenOver() throws Exception {
        Path file = dir.resolve("agent.x25519.json");
        EncryptionKeyFile.create(file, PASSWORD, true);
        KeyPair pair = EncryptionKeyFile.load(file, PASSWORD);
        String privateKey = HexFormat.of().formatHex(pair.getPrivate().getEncoded());
        String text = Files.readString(file);
        assertThat(text).doesNotContain(privateKey.substring(privateKey.length() - 64));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThatThrownBy(() -> EncryptionKeyFile.create(file, PASSWORD, true)).hasMessageContaining("already exists");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void livesNextToItsKeystore() {
        assertThat(EncryptionKeyFile.besideKeystore(Path.of("keys/agent.json"))).isEqualTo(Path.of("keys/agent.x25519.json"));
        assertThat(EncryptionKeyFile.besideKeystore(Path.of("agent-key"))).isEqualTo(Path.of("agent-key.x25519.json"));
    }

    private static byte[] agree(KeyPair mine, KeyPair theirs) throws Exception {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(mine.getPrivate());
        agreement.doPhase(theirs.getPublic(), true);
        return agreement.generateSecret();
    }
}
