package org.picomesh.contracts;

import java.math.BigInteger;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deploys the registry, then the escrow that pays its engines, and binds the one to the other. */
public final class MarketDeployer {
    private static final Logger log = LoggerFactory.getLogger(MarketDeployer.class);

    private MarketDeployer() {}

    /**
     * Deploys the market in three transactions; the signer becomes the registry's admin.
     *
     * @param rpcUrl recorded in the deployment, for the readers of the deployment file
     */
    public static Deployment deploy(ChainConnection chain, String rpcUrl, EngineRegistry.Parameters parameters)
            throws Exception {
        EngineRegistry registry = EngineRegistry.deploy(chain.web3j(), chain.transactions(), chain.gas(),
                chain.address(), MarketParameters.ADMIN_DELAY, parameters).send();
        BigInteger block = registry.getTransactionReceipt().orElseThrow().getBlockNumber();
        LeaseEscrow escrow = LeaseEscrow.deploy(chain.web3j(), chain.transactions(), chain.gas(),
                registry.getContractAddress()).send();
        registry.bindEscrow(escrow.getContractAddress()).send();
        log.info("deployed EngineRegistry at {} and its LeaseEscrow at {} (from block {})",
                registry.getContractAddress(), escrow.getContractAddress(), block);
        return new Deployment(chain.chainId(), rpcUrl, registry.getContractAddress(), escrow.getContractAddress(),
                block);
    }
}
