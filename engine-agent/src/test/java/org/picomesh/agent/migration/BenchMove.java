package org.picomesh.agent.migration;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.picomesh.agent.AgentMesh;
import org.picomesh.agent.picoengine.BareMove;
import org.picomesh.agent.picoengine.PicoEngine048;
import org.picomesh.agent.picoengine.TestPicos;
import org.picomesh.contracts.devnet.SampleAdverts;

/**
 * One repetition of the migration bench for one pico: a bare export + import between the two engines (then undone),
 * then the whole move through the protocol, in the same direction; the next repetition goes back.
 */
final class BenchMove {
    private static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);

    /**
     * @param bareS export + import between the engines alone
     * @param moveS {@code moveLease} sent to the target's journal step LIVE (the pico runs there)
     * @param pauseS the source's journal step LEAVING (its traffic held from then on) to the target's LIVE
     */
    record Result(double bareS, double moveS, double pauseS, int snapshotBytes) {}

    private final MoveMesh mesh;
    private final int account;
    private final TestPicos.StatefulPico pico;
    private final String address;

    /** A pico with this much varied state on engine A, leased there by sample pico {@code account} and enrolled. */
    BenchMove(MoveMesh mesh, int account, String name, int bytes, int children) throws Exception {
        this.mesh = mesh;
        this.account = account;
        this.pico = new TestPicos(mesh.mesh.engine.url()).picoWithVariedState(name, bytes, children);
        this.address = SampleAdverts.pico(account).getAddress().toLowerCase(Locale.ROOT);
        mesh.mesh.pico(account).openLease(BigInteger.valueOf(mesh.a.engineId), ANY_PRICE,
                AgentMesh.ether("0.01")).send();
        mesh.a.enroll(pico.eci(), address);
    }

    Result run(MoveMesh.Side from, MoveMesh.Side to) throws Exception {
        BareMove.Timing bare = BareMove.measure(engine(from), engine(to), pico.eci());
        if (!bare.check().same()) {
            throw new IllegalStateException("the bare import differs: " + bare.check());
        }
        BareMove.undo(engine(from), engine(to), pico.eci(), bare);

        int known = to.moves(address).size();
        Instant sent = Instant.now();
        mesh.mesh.pico(account).moveLease(BigInteger.valueOf(to.engineId), ANY_PRICE).send();
        MoveMesh.await("the pico to be live on engine " + to.engineId, () -> live(to, known));
        MoveTimes target = MoveTimes.of(to.moves(address).get(0));
        MoveMesh.await("engine " + from.engineId + " to delete its moved copy", () -> from.state(address)
                .equals("DONE"));
        MoveTimes source = MoveTimes.of(from.moves(address).get(0));
        MigrateBench.progress("  source  " + source.timeline(sent));
        MigrateBench.progress("  target  " + target.timeline(sent));
        return new Result(bare.seconds(), MoveTimes.seconds(sent, target.at("LIVE")),
                MoveTimes.seconds(source.at("LEAVING"), target.at("LIVE")), bare.snapshotBytes());
    }

    private boolean live(MoveMesh.Side to, int known) {
        try {
            var moves = to.moves(address);
            if (moves.size() > known && moves.get(0).path("state").asText().equals("REJECTED")) {
                throw new IllegalStateException("the move was rejected: " + moves.get(0).path("reason").asText());
            }
            return moves.size() > known && moves.get(0).path("state").asText().equals("LIVE");
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            return false;
        }
    }

    private static PicoEngine048 engine(MoveMesh.Side side) {
        return new PicoEngine048(URI.create(side.engineUrl), Duration.ofSeconds(5), Duration.ofMinutes(5));
    }
}
