package org.picomesh.agent.follow;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A block the follower processed, kept to find the common ancestor when the chain reorganises. */
@Entity
@Table(name = "followed_block")
class FollowedBlock {
    @Id
    private long number;
    private String hash;

    protected FollowedBlock() {}

    FollowedBlock(long number, String hash) {
        this.number = number;
        this.hash = hash;
    }

    String hash() {
        return hash;
    }
}
