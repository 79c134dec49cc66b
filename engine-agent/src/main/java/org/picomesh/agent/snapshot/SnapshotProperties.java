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
 */
@ConfigurationProperties("picomesh.agent.snapshot")
public record SnapshotProperties(
        Path dir,
        @DefaultValue("256MB") DataSize maxFetchSize,
        @DefaultValue("2m") Duration fetchTimeout) {}
