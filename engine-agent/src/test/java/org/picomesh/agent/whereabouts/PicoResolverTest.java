package org.picomesh.agent.whereabouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The DIDs the resolver refuses before it asks the chain anything (the chain's answers are in PicoWhereIT). */
class PicoResolverTest {
    private final PicoResolver resolver = new PicoResolver(null, null, null, 31337, 0);

    @Test
    void aMalformedDidIsRefusedShowingTheExpectedForm() {
        WhereaboutsException e = catchThrowableOfType(WhereaboutsException.class,
                () -> resolver.resolve("did:web:engine.example", step -> {}));

        assertThat(e.kind()).isEqualTo(WhereaboutsException.Kind.MALFORMED_DID);
        assertThat(e.getMessage()).contains("did:pkh:eip155:<chainId>:<0x address>");
    }

    @Test
    void aDidOfAnotherChainIsUnknownHere() {
        WhereaboutsException e = catchThrowableOfType(WhereaboutsException.class, () -> resolver.resolve(
                "did:pkh:eip155:1:0x70997970c51812dc3a010c7d01b50e0d17dc79c8", step -> {}));

        assertThat(e.kind()).isEqualTo(WhereaboutsException.Kind.UNKNOWN_DID);
        assertThat(e.getMessage()).contains("chain 1").contains("chain 31337");
    }
}
