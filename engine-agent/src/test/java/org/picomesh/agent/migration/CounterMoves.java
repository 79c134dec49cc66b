package org.picomesh.agent.migration;

import java.math.BigInteger;
import org.picomesh.agent.picoengine.TestPicos;

/**
 * The set-up of the ITs that move a counter pico between A and B: the mesh with their settings, both engines' test
 * picos, the counter ruleset registered on A only (B gets it from the pico's snapshot), and how a pico asks to move.
 */
final class CounterMoves implements AutoCloseable {
    static final BigInteger ANY_PRICE = BigInteger.TWO.pow(72);

    final MoveMesh moves;
    final TestPicos picosA;
    final TestPicos picosB;

    CounterMoves(String... settings) throws Exception {
        moves = new MoveMesh(settings);
        picosA = new TestPicos(moves.mesh.engine.url());
        picosB = new TestPicos(moves.engineB.url());
        picosA.registerCounter();
    }

    /** A counter pico on A named {@code name}, ticked once: its ECI. */
    String counterOnA(String name) throws Exception {
        String eci = picosA.child(picosA.rootEci(), name, TestPicos.COUNTER);
        picosA.tick(eci);
        return eci;
    }

    /** Sample pico {@code n} asks, with its own key, to move its lease to {@code engineId}. */
    void moveLease(int n, long engineId) throws Exception {
        moves.mesh.pico(n).moveLease(BigInteger.valueOf(engineId), ANY_PRICE).send();
    }

    @Override
    public void close() throws Exception {
        moves.close();
    }
}
