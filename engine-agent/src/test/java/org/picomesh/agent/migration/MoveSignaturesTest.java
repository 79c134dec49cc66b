package org.picomesh.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.picomesh.contracts.devnet.DevAccounts;
import org.web3j.crypto.Credentials;

/** Offers and fetch requests are signed by one agent key and name one move: any other reading fails. */
class MoveSignaturesTest {
    private static final Credentials SOURCE = DevAccounts.account(2);
    private static final String ESCROW = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

    @Test
    void theOffersSignerIsTheSourceAgent() {
        String message = MoveSignatures.offer(31337, ESCROW, 7, CID, 1_800_000_000L);
        String signature = MoveSignatures.sign(message, SOURCE);

        assertThat(MoveSignatures.signer(message, signature)).contains(SOURCE.getAddress().toLowerCase(Locale.ROOT));
    }

    @Test
    void anOfferForAnotherLeaseChainOrCidIsSignedBySomeoneElse() {
        String signature = MoveSignatures.sign(MoveSignatures.offer(31337, ESCROW, 7, CID, 1_800_000_000L), SOURCE);
        String source = SOURCE.getAddress().toLowerCase(Locale.ROOT);

        assertThat(MoveSignatures.signer(MoveSignatures.offer(31337, ESCROW, 8, CID, 1_800_000_000L), signature))
                .isNotEqualTo(java.util.Optional.of(source));
        assertThat(MoveSignatures.signer(MoveSignatures.offer(1, ESCROW, 7, CID, 1_800_000_000L), signature))
                .isNotEqualTo(java.util.Optional.of(source));
        assertThat(MoveSignatures.signer(MoveSignatures.fetch(31337, ESCROW, CID, 1_800_000_000L), signature))
                .as("an offer's signature is no fetch permission").isNotEqualTo(java.util.Optional.of(source));
    }

    @Test
    void aSignatureThatIsNotOneVerifiesNobody() {
        String message = MoveSignatures.fetch(31337, ESCROW, CID, 1_800_000_000L);

        assertThat(MoveSignatures.signer(message, "0x1234")).isEmpty();
        assertThat(MoveSignatures.signer(message, "not hex at all")).isEmpty();
        assertThat(MoveSignatures.signer(message, "0x" + "00".repeat(65))).isEmpty();
    }
}
