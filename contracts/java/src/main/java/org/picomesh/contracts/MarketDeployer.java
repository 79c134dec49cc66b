package org.picomesh.contracts;

import java.math.BigInteger;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deploys the registry and the escrow that pays its engines. */
public final class MarketDeployer {
    private static final Logger log = LoggerFactory.getLogger(MarketDeployer.class);

    private MarketDeployer() {}

    /**
     * Deploys both contracts; the signer becomes the registry's admin.
     *
     * @param rpcUrl recorded in the deployment, for the readers of the deployment file
     */
    public static Deployment deploy(ChainConnection chain, String rpcUrl, EngineRegistry.Parameters parameters)
            throws Exception {
        EngineRegistry registry = EngineRegistry.deploy(
                        chain.web3j(), chain.transactions(), chain.gas(), chain.address(), parameters)
                .send();
        BigInteger block = registry.getTransactionReceipt().orElseThrow().getBlockNumber();
        LeaseEscrow escrow = LeaseEscrow.deploy(
                        chain.web3j(), chain.transactions(), chain.gas(), registry.getContractAddress())
                .send();
        log.info("deployed EngineRegistry at {} and LeaseEscrow at {} (block {})",
                registry.getContractAddress(), escrow.getContractAddress(), block);
        return new Deployment(chain.chainId(), rpcUrl, registry.getContractAddress(), escrow.getContractAddress(), block);
    }
}
