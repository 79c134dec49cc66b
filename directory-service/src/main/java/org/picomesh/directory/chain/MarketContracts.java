package org.picomesh.directory.chain;

import java.nio.file.Files;
import org.picomesh.contracts.Deployment;

/**
 * Where the market lives, resolved once at start: properties first, else the deployment file.
 *
 * @param rpcUrl the node's JSON-RPC URL
 * @param chainId the chain's id, from the deployment file (0 when the properties alone name the contracts)
 * @param registry the EngineRegistry's address (lower case)
 * @param escrow the LeaseEscrow's address (lower case)
 * @param startBlock the first block to index
 */
public record MarketContracts(String rpcUrl, long chainId, String registry, String escrow, long startBlock) {

    static MarketContracts resolve(ChainProperties properties) {
        boolean explicit = properties.registry() != null && properties.escrow() != null && properties.rpcUrl() != null;
        if (explicit) {
            long start = properties.startBlock() == null ? 0 : properties.startBlock();
            return new MarketContracts(properties.rpcUrl(), 0, properties.registry().toLowerCase(),
                    properties.escrow().toLowerCase(), start);
        }
        if (!Files.isRegularFile(properties.deploymentFile())) {
            throw new IllegalStateException("no deployment file at " + properties.deploymentFile().toAbsolutePath()
                    + ": start a chain with ./mesh chain, or set picomesh.chain.rpc-url, .registry and .escrow");
        }
        Deployment d = Deployment.read(properties.deploymentFile());
        String rpc = properties.rpcUrl() != null ? properties.rpcUrl() : d.rpcUrl();
        long start = properties.startBlock() != null ? properties.startBlock() : d.deploymentBlock().longValueExact();
        return new MarketContracts(rpc, d.chainId(), d.registry().toLowerCase(), d.escrow().toLowerCase(), start);
    }
}
