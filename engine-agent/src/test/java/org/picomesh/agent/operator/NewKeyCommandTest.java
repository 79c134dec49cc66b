package org.picomesh.agent.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.agent.chain.Keys;
import org.web3j.crypto.Credentials;

class NewKeyCommandTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Map<String, String> ENV = Map.of("PICOMESH_KEYSTORE_PASSWORD", PASSWORD);

    @TempDir
    Path dir;

    @Test
    void makesAKeystoreAndAnEncryptionKeyAndPrintsOnlyTheirPublicParts() throws Exception {
        Path keystore = dir.resolve("agent.json");
        CliRun run = CliRun.run(ENV, "keys", "new", "--keystore", keystore.toString(), "--light-kdf");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        Credentials credentials = Keys.load(keystore, ENV);
        assertThat(field(run.out(), "address")).isEqualToIgnoringCase(credentials.getAddress());
        assertThat(field(run.out(), "keystore")).isEqualTo(keystore.toAbsolutePath().toString());
        String encryptionKey = field(run.out(), "encryption key");
        assertThat(encryptionKey).matches("0x[0-9a-f]{64}");
        Path encryptionFile = dir.resolve("agent.x25519.json");
        var pair = EncryptionKeyFile.load(encryptionFile, PASSWORD);
        assertThat("0x" + HexFormat.of().formatHex(EncryptionKeyFile.raw(pair.getPublic()))).isEqualTo(encryptionKey);

        String accountKey = credentials.getEcKeyPair().getPrivateKey().toString(16);
        String x25519Key = HexFormat.of().formatHex(pair.getPrivate().getEncoded()).substring(32);
        assertThat(run.out() + run.err()).doesNotContainIgnoringCase(accountKey).doesNotContainIgnoringCase(x25519Key);
        for (Path file : new Path[] {keystore, encryptionFile}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void neverWritesOverAKeyFile() throws Exception {
        Path keystore = dir.resolve("agent.json");
        Files.writeString(dir.resolve("agent.x25519.json"), "an older key");
        CliRun run = CliRun.run(ENV, "keys", "new", "--keystore", keystore.toString(), "--light-kdf");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLine()).contains("agent.x25519.json already exists");
        assertThat(keystore).doesNotExist();
        assertThat(Files.readString(dir.resolve("agent.x25519.json"))).isEqualTo("an older key");
    }

    @Test
    void withoutAPasswordOrAConsoleNothingIsWritten() {
        Path keystore = dir.resolve("agent.json");
        CliRun run = CliRun.run(Map.of(), "keys", "new", "--keystore", keystore.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLine()).contains("set PICOMESH_KEYSTORE_PASSWORD");
        CliRun shortPassword = CliRun.run(Map.of("PICOMESH_KEYSTORE_PASSWORD", "1234"), "keys", "new", "--keystore",
                keystore.toString());
        assertThat(shortPassword.errorLine()).contains("at least 8 characters");
        assertThat(dir).isEmptyDirectory();
    }

    private static String field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " +(\\S+)").matcher(out);
        assertThat(m.find()).as("%s in %s", name, out).isTrue();
        return m.group(1);
    }
}
