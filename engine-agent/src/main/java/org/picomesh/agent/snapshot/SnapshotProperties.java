package org.picomesh.agent.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Snapshot settings ({@code picomesh.agent.snapshot.*}).
 *
 * @param dir where sealed snapshots are stored; by default {@code agent-<engine id>-snapshots} in the agent's state
 *     folder (the deployment file's), next to its database
 * @param maxFetchSize the largest CAR this agent fetches from another: a source cannot fill its disk
 * @param fetchTimeout how long a whole fetch, body included, may take
 * @param warmUp how many bytes of probe snapshots the agent seals, serves and opens on a background thread at
 *     start-up, so that its first move runs at full speed; 0 for none (the first move then pays about half a second)
 */
@ConfigurationProperties("picomesh.agent.snapshot")
public record SnapshotProperties(
        Path dir,
        @DefaultValue("256MB") DataSize maxFetchSize,
        @DefaultValue("2m") Duration fetchTimeout,
        @DefaultValue("8MB") DataSize warmUp) {}
