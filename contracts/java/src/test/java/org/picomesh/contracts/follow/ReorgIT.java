package org.picomesh.contracts.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.picomesh.contracts.LocalMarket.*;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.follow.MarketEvent.AdvertPublished;
import org.picomesh.contracts.follow.MarketEvent.AgentChanged;

/**
 * Reorganisations on a real anvil ({@code anvil_reorg}, and {@code evm_snapshot}/{@code evm_revert} then other
 * transactions): the follower rewinds to the newest common ancestor the caller stored, following again yields
 * exactly the new branch's events, and a reorganisation deeper than the bound is refused.
 */
class ReorgIT {
    private FollowedMarket chain;

    @BeforeEach
    void startMarket() throws Exception {
        chain = new FollowedMarket();
    }

    @AfterEach
    void stopMarket() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void anAnvilReorgOfThreeBlocksIsRewoundToTheCommonAncestorAndTheNewBranchFollowed() throws Exception {
        Ledger ledger = chain.ledger(0, 1); // one block a step: every block's hash is stored
        BigInteger a = chain.register(OPERATOR, "https://a.example", "1");
        ledger.followToHead();
        chain.register(OTHER_OPERATOR, "https://lost.example", "1");
        chain.market.registry(OPERATOR).setAgent(a, address(AGENT)).send();
        chain.openChallenge(a);
        ledger.followToHead();
        long head = chain.head();
        ChainPosition ancestor = chain.blockAt(head - 3);

        chain.market.anvil.call("anvil_reorg", 3, List.of());

        assertThat(ledger.step()).isEqualTo(new Step.Rewind(ancestor));
        ledger.followToHead();
        assertThat(ledger.checkpoint.orElseThrow().number()).isEqualTo(head);
        assertThat(ledger.events).isEqualTo(chain.eventsUpTo(head));
        assertThat(ledger.all(AdvertPublished.class)).extracting(AdvertPublished::endpoint)
                .containsExactly("https://a.example");
        assertThat(ledger.all(AgentChanged.class)).isEmpty();
    }

    @Test
    void aRevertedBranchIsRewoundPastBlocksNeverStoredAndTheReplacingTransactionsFollowed() throws Exception {
        Ledger ledger = chain.ledger(0, 1_000); // big ranges: only range ends and event blocks are stored
        chain.register(OPERATOR, "https://kept.example", "1");
        ledger.followToHead();
        ChainPosition beforeFork = ledger.checkpoint.orElseThrow();
        Object snapshot = chain.market.anvil.call("evm_snapshot");
        BigInteger phantom = chain.register(OTHER_OPERATOR, "https://phantom.example", "1");
        chain.market.registry(OTHER_OPERATOR).setAgent(phantom, address(AGENT)).send();
        chain.mine(1);
        ledger.followToHead();

        chain.market.anvil.call("evm_revert", snapshot);
        assertThat(ledger.step()).isEqualTo(new Step.Rewind(beforeFork));
        BigInteger replacement = chain.register(STRANGER, "https://replacement.example", "2");
        chain.mine(4); // the new branch outgrows the abandoned one
        ledger.followToHead();

        assertThat(replacement).isEqualTo(phantom); // the same id, now another engine
        assertThat(ledger.events).isEqualTo(chain.eventsUpTo(chain.head()));
        assertThat(ledger.all(AdvertPublished.class)).extracting(AdvertPublished::endpoint)
                .containsExactly("https://kept.example", "https://replacement.example");
        assertThat(ledger.all(AgentChanged.class)).isEmpty();
    }

    @Test
    void refusesToRewindFurtherThanTheDepthBound() throws Exception {
        Ledger ledger = new Ledger(chain.web3j, chain.settings(0, 1).withMaxReorgDepth(2));
        BigInteger a = chain.register(OPERATOR, "https://a.example", "1");
        chain.market.registry(OPERATOR).setAgent(a, address(AGENT)).send();
        chain.market.registry(OPERATOR).setPayout(a, address(PAYOUT)).send();
        ledger.followToHead();
        ChainPosition checkpoint = ledger.checkpoint.orElseThrow();

        chain.market.anvil.call("anvil_reorg", 3, List.of());

        assertThatThrownBy(ledger::step).isInstanceOfSatisfying(ReorgTooDeepException.class,
                e -> assertThat(e.lost()).isEqualTo(checkpoint)).hasMessageContaining("deeper than 2 blocks");
    }
}
