package org.picomesh.agent.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.contracts.devnet.SampleAdverts;

class DemoEncryptionKeysTest {
    private static final String PASSWORD = "picomesh-demo-only";

    @TempDir
    Path dir;

    @Test
    void aDemoAgentHoldsThePrivateHalfOfTheKeyItsEngineAdvertises() {
        Path keystore = dir.resolve("agent.json");
        String advertised = DemoEncryptionKeys.of(keystore, PASSWORD);
        // what the daemon loads from beside its keystore
        var held = EncryptionKeyFile.load(EncryptionKeyFile.besideKeystore(keystore), PASSWORD);
        assertThat(advertised).isEqualTo("0x" + HexFormat.of().formatHex(EncryptionKeyFile.raw(held.getPublic())));
        assertThat(advertised).isNotEqualTo("0x" + HexFormat.of().formatHex(SampleAdverts.encryptionKey(1)));
    }

    @Test
    void aSecondRunAdvertisesTheKeyAlreadyThereInsteadOfMakingAnother() {
        Path keystore = dir.resolve("agent.json");
        String first = DemoEncryptionKeys.of(keystore, PASSWORD);
        assertThat(DemoEncryptionKeys.of(keystore, PASSWORD)).isEqualTo(first);
    }
}
