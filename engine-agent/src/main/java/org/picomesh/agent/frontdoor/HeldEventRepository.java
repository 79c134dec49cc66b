package org.picomesh.agent.frontdoor;

import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface HeldEventRepository extends Repository<HeldEvent, Long> {
    HeldEvent save(HeldEvent event);

    Optional<HeldEvent> findById(long id);

    Optional<HeldEvent> findByDeliveryKey(String deliveryKey);

    /** The pico's oldest event not yet delivered: the next to go. */
    Optional<HeldEvent> findFirstByPicoAndDeliveredAtIsNullOrderByIdAsc(String pico);

    @Query("select count(e) from HeldEvent e where e.pico = :pico and e.deliveredAt is null")
    long countPending(String pico);

    @Query(value = "select coalesce(sum(octet_length(body)), 0) from held_event where pico = :pico "
            + "and delivered_at is null", nativeQuery = true)
    long pendingBytes(String pico);
}
