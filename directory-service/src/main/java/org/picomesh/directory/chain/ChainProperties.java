package org.picomesh.directory.chain;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which chain and contracts to follow. The addresses come from the deployment file that {@code ./mesh chain}
 * writes, unless {@code registry} and {@code escrow} are given.
 *
 * @param rpcUrl the node's JSON-RPC URL; empty means the deployment file's
 * @param deploymentFile the deployment file
 * @param registry the EngineRegistry's address, overriding the deployment file
 * @param escrow the LeaseEscrow's address, overriding the deployment file
 * @param startBlock the first block to index, overriding the deployment block
 * @param confirmations blocks behind the head before a row is confirmed (0 on a dev chain)
 * @param useFinalizedTag confirm up to the node's {@code finalized} block when it has one
 * @param maxBlockRange the largest {@code eth_getLogs} range asked for (shrunk when the node refuses it)
 * @param pollInterval how often to look for new blocks once at the head
 * @param maxAttempts attempts per node request before the node counts as away
 * @param maxBackoff the longest pause between attempts
 */
@ConfigurationProperties("picomesh.chain")
public record ChainProperties(
        String rpcUrl,
        @DefaultValue(".mesh/deployment.json") Path deploymentFile,
        String registry,
        String escrow,
        Long startBlock,
        @DefaultValue("0") int confirmations,
        @DefaultValue("true") boolean useFinalizedTag,
        @DefaultValue("5000") int maxBlockRange,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("10s") Duration maxBackoff) {}
