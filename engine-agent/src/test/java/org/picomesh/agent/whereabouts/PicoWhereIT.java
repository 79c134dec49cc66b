package org.picomesh.agent.whereabouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.picomesh.agent.AgentCli;
import org.picomesh.agent.AgentMesh;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import picocli.CommandLine;

/**
 * {@code engine-agent pico where <did or address>} on anvil, from the chain alone (no agent daemon, no directory): the pico's
 * host and its advert in force, a pending move, an endpoint that is no URL withheld, and clear refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PicoWhereIT {
    private static final BigInteger MAX_PRICE = BigInteger.TWO.pow(72);
    private AgentMesh mesh;

    @BeforeAll
    void start() throws Exception {
        mesh = new AgentMesh();
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void findsThePicosHostByItsAdvertInForceAndAPendingMove() throws Exception {
        mesh.pico(1).openLease(BigInteger.valueOf(mesh.engineId), MAX_PRICE, AgentMesh.ether("0.01")).send();
        mesh.registry(AgentMesh.AGENT).updateAdvert(BigInteger.valueOf(mesh.engineId),
                SampleAdverts.advert("http://127.0.0.1:3101", 1, AgentMesh.CAPACITY)).send();

        Run here = where(did(1));

        assertThat(here.code()).as(here.toString()).isZero();
        assertThat(here.out()).contains("lives on engine " + mesh.engineId + " (lease ", "at http://127.0.0.1:3101,")
                .doesNotContain("moving");
        assertThat(here.err()).contains("advert matches its on-chain hash: http://127.0.0.1:3101");
        Run byAddress = where(SampleAdverts.pico(1).getAddress());
        assertThat(byAddress.code()).as(byAddress.toString()).isZero();
        assertThat(byAddress.out()).as("named by its address").isEqualTo(here.out());

        long target = register("https://engine-9.example:8443/agent");
        mesh.pico(1).moveLease(BigInteger.valueOf(target), MAX_PRICE).send();

        Run moving = where(did(1));
        assertThat(moving.out()).contains("at http://127.0.0.1:3101,", "moving: to engine " + target
                + " at https://engine-9.example:8443/agent, unless not accepted by ");
    }

    @Test
    void anEndpointThatIsNoPlainUrlIsNeverShown() throws Exception {
        long forged = register("http://x.example/\nengine 1 hosts it");
        mesh.pico(2).openLease(BigInteger.valueOf(forged), MAX_PRICE, AgentMesh.ether("0.01")).send();

        Run run = where(did(2));

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("lives on engine " + forged, "at no usable endpoint");
        assertThat(run.out() + run.err()).doesNotContain("engine 1 hosts it");
    }

    @Test
    void saysClearlyWhenADidIsMalformedUnknownOrWithoutALease() throws Exception {
        Run malformed = where("did:pkh:eip155:31337:0x1234");
        Run shortAddress = where("0x1234");
        assertThat(shortAddress.code()).isNotZero();
        assertThat(shortAddress.err()).contains("'0x1234' is not an account address");
        assertThat(malformed.code()).isNotZero();
        assertThat(malformed.err()).contains("a pico DID has the form did:pkh:eip155:<chainId>:<0x address>");

        Run unknown = where("did:pkh:eip155:31337:0x" + "7".repeat(40));
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("unknown DID", "never leased an engine in this market");

        Run otherChain = where("did:pkh:eip155:1:" + SampleAdverts.pico(3).getAddress());
        assertThat(otherChain.err()).contains("unknown DID: it names chain 1");

        var escrow = mesh.pico(3);
        var opened = escrow.openLease(BigInteger.valueOf(mesh.engineId), MAX_PRICE, AgentMesh.ether("0.01")).send();
        BigInteger leaseId = escrow.getLeaseOpenedEvents(opened).get(0).leaseId;
        escrow.close().send();
        Run closed = where(did(3));
        assertThat(closed.code()).isNotZero();
        assertThat(closed.err()).contains("has no lease now (its last, lease " + leaseId + ", ended)");
    }

    private long register(String endpoint) throws Exception {
        EngineRegistry operator = mesh.registry(AgentMesh.OPERATOR);
        var receipt = operator.register(SampleAdverts.advert(endpoint, 2, 4), AgentMesh.ether("1")).send();
        return operator.getEngineRegisteredEvents(receipt).get(0).engineId.longValueExact();
    }

    private static String did(int pico) {
        return "did:pkh:eip155:31337:" + SampleAdverts.pico(pico).getAddress();
    }

    private record Run(int code, String out, String err) {}

    private Run where(String did) {
        CommandLine cli = AgentCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("pico", "where", did, "--deployment", mesh.state.resolve("deployment.json").toString());
        return new Run(code, out.toString(), err.toString());
    }
}
