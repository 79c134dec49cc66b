package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoveTestHaltTest {
    @TempDir
    Path dir;

    @Test
    void aMoveHaltsAtTheNamedPointSaysSoAndGoesOnOnceReleased() throws Exception {
        Path file = dir.resolve("halt");
        Files.writeString(file, "SOURCE:LEAVING");
        MoveTestHalt halt = new MoveTestHalt(file.toString());

        halt.at(Side.SOURCE, "SEALED", 1); // another point: returns at once
        halt.at(Side.TARGET, "LEAVING", 1);
        CompletableFuture<Void> halted = CompletableFuture.runAsync(() -> halt.at(Side.SOURCE, "LEAVING", 7));
        MoveMesh.await("the hook to signal", () -> Files.exists(dir.resolve("halt.reached")));

        assertThat(Files.readString(dir.resolve("halt.reached"))).isEqualTo("SOURCE:LEAVING move 7");
        assertThat(halted).isNotDone();
        Files.writeString(file, "");
        halted.get(5, TimeUnit.SECONDS);
    }
}
