package org.picomesh.agent.follow;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.picomesh.contracts.follow.ChainPosition;
import org.springframework.stereotype.Component;

/**
 * Where the agent's log follower stands and the blocks it processed, in the agent's database. Every method runs in
 * the caller's transaction, so the checkpoint moves with the effects of the events read (exactly once).
 */
@Component
public class FollowState {
    private final EntityManager entities;

    FollowState(EntityManager entities) {
        this.entities = entities;
    }

    /** The last block processed, or nothing before the first. */
    public Optional<ChainPosition> position() {
        FollowerCheckpoint checkpoint = entities.find(FollowerCheckpoint.class, (short) 1);
        return Optional.ofNullable(checkpoint).map(c -> new ChainPosition(c.blockNumber(), c.blockHash()));
    }

    /** The hash the follower saw for block {@code number}, if it processed it. */
    public Optional<String> knownHash(long number) {
        return Optional.ofNullable(entities.find(FollowedBlock.class, number)).map(FollowedBlock::hash);
    }

    /** Records that everything up to {@code to} was processed, with the hashes of {@code blocks} ({@code to} among them). */
    public void advance(ChainPosition to, List<ChainPosition> blocks) {
        blocks.forEach(b -> entities.merge(new FollowedBlock(b.number(), b.hash())));
        moveTo(to);
    }

    /** Forgets every block above {@code to}, the newest block the chain still has. */
    public void rewind(ChainPosition to) {
        entities.createQuery("delete from FollowedBlock b where b.number > :number")
                .setParameter("number", to.number()).executeUpdate();
        moveTo(to);
    }

    private void moveTo(ChainPosition to) {
        FollowerCheckpoint checkpoint = entities.find(FollowerCheckpoint.class, (short) 1);
        if (checkpoint == null) {
            entities.persist(new FollowerCheckpoint(to.number(), to.hash()));
        } else {
            checkpoint.moveTo(to.number(), to.hash());
        }
    }
}
