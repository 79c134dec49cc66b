package org.picomesh.contracts;

import java.math.BigInteger;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.contracts.generated.LeaseEscrow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.utils.Numeric;

/** Deploys the registry, which deploys the escrow that pays its engines from the escrow's creation code. */
public final class MarketDeployer {
    private static final Logger log = LoggerFactory.getLogger(MarketDeployer.class);

    private MarketDeployer() {}

    /**
     * Deploys the market in one transaction; the signer becomes the registry's admin.
     *
     * @param rpcUrl recorded in the deployment, for the readers of the deployment file
     */
    public static Deployment deploy(ChainConnection chain, String rpcUrl, EngineRegistry.Parameters parameters)
            throws Exception {
        EngineRegistry registry = EngineRegistry.deploy(chain.web3j(), chain.transactions(), chain.gas(),
                chain.address(), MarketParameters.ADMIN_DELAY, parameters,
                Numeric.hexStringToByteArray(LeaseEscrow.BINARY)).send();
        BigInteger block = registry.getTransactionReceipt().orElseThrow().getBlockNumber();
        String escrow = registry.escrow().send();
        log.info("deployed EngineRegistry at {} with its LeaseEscrow at {} (block {})",
                registry.getContractAddress(), escrow, block);
        return new Deployment(chain.chainId(), rpcUrl, registry.getContractAddress(), escrow, block);
    }
}
