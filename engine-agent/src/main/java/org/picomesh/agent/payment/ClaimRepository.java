package org.picomesh.agent.payment;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ClaimRepository extends Repository<ClaimRecord, String> {
    ClaimRecord save(ClaimRecord claim);

    /** Forgets the claims mined in blocks a reorganisation dropped: they paid nothing on the chain that stays. */
    @Modifying
    @Query("delete from ClaimRecord c where c.blockNumber > :block")
    int deleteMinedAfter(long block);
}
