package org.picomesh.agent.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class KeysTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String KEY = "0x" + "11".repeat(32);

    @TempDir
    Path dir;

    @Test
    void readsAKeystoreWithItsPasswordFromTheGivenEnvironment() {
        Path keystore = dir.resolve("agent.json");
        String address = Keys.create(keystore, PASSWORD, true);
        Credentials credentials = Keys.load(keystore, Map.of(Passwords.PASSWORD_ENV, PASSWORD));
        assertThat(credentials.getAddress()).isEqualToIgnoringCase(address);
    }

    @Test
    void aWrongPasswordSaysSoAndNothingElse() {
        Path keystore = dir.resolve("agent.json");
        Keys.create(keystore, PASSWORD, true);
        assertThatThrownBy(() -> Keys.load(keystore, Map.of(Passwords.PASSWORD_ENV, "not the password")))
                .isInstanceOf(AgentException.class).hasMessage("wrong password for the keystore " + keystore);
    }

    @Test
    void aStandardKeystoreUsesScryptAtFullStrength() throws Exception {
        Path keystore = dir.resolve("operator.json");
        Keys.create(keystore, PASSWORD, false);
        assertThat(Files.readString(keystore)).contains("\"n\":262144");
    }

    @Test
    void aNewKeystoreIsTheOwnersOnlyAndNeverWrittenOver() throws Exception {
        Path keystore = dir.resolve("agent.json");
        Keys.create(keystore, PASSWORD, true);
        String before = Files.readString(keystore);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
        assertThatThrownBy(() -> Keys.create(keystore, PASSWORD, true)).isInstanceOf(AgentException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(keystore)).isEqualTo(before);
    }

    @Test
    void withoutAKeystoreTheKeyComesFromTheEnvironment() {
        assertThat(Keys.load(null, Map.of(Keys.KEY_ENV, KEY)).getAddress())
                .isEqualTo(Credentials.create(KEY).getAddress());
        assertThatThrownBy(() -> Keys.load(null, Map.of(Keys.KEY_ENV, "0x1234"))).isInstanceOf(AgentException.class)
                .hasMessage("PICOMESH_PRIVATE_KEY is not a valid private key (64 hex digits)");
        assertThatThrownBy(() -> Keys.load(null, Map.of(Keys.AGENT_KEY_ENV, KEY))).isInstanceOf(AgentException.class)
                .hasMessageContaining("no key");
    }

    @Test
    void aFileThatIsNotAKeystoreIsNamed() throws Exception {
        Path notAKeystore = Files.writeString(dir.resolve("notes.json"), "{\"hello\": 1}");
        assertThatThrownBy(() -> Keys.load(notAKeystore, Map.of(Passwords.PASSWORD_ENV, PASSWORD)))
                .isInstanceOf(AgentException.class).hasMessageContaining(notAKeystore.toString())
                .hasMessageContaining("keystore");
        assertThatThrownBy(() -> Keys.load(dir.resolve("absent.json"), Map.of(Passwords.PASSWORD_ENV, PASSWORD)))
                .hasMessage("cannot read the keystore " + dir.resolve("absent.json"));
    }

    @Test
    void aNewPasswordMustNotBeShort() {
        assertThatThrownBy(() -> Passwords.fresh(Map.of(Passwords.PASSWORD_ENV, "short")))
                .isInstanceOf(AgentException.class).hasMessageContaining("at least 8 characters");
        assertThat(Passwords.fresh(Map.of(Passwords.PASSWORD_ENV, PASSWORD))).isEqualTo(PASSWORD);
    }
}
