package org.picomesh.directory.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;
import org.web3j.protocol.Web3j;

/** The market's chain id: from the deployment file, else asked of the node once. Picos' DIDs name it. */
@Component
public class ChainIdentity {
    private final MarketContracts market;
    private final Web3j web3j;
    private volatile Long chainId;

    ChainIdentity(MarketContracts market, Web3j web3j) {
        this.market = market;
        this.web3j = web3j;
    }

    public long chainId() {
        Long known = chainId;
        if (known == null) {
            try {
                known = market.chainId() != 0 ? market.chainId() : web3j.ethChainId().send().getChainId().longValueExact();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot ask the chain node for its chain id", e);
            }
            chainId = known;
        }
        return known;
    }
}
