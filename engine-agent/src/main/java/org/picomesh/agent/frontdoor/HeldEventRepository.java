package org.picomesh.agent.frontdoor;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
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

    /** Closes the pico's pending events of {@code leaseId} undelivered (status 0), with why: none will be sent. */
    @Modifying
    @Query(value = """
            update held_event set delivered_at = :now, delivered_status = 0, last_error = left(:why, 500)
             where pico = :pico and lease_id = :leaseId and delivered_at is null""", nativeQuery = true)
    int closePending(String pico, long leaseId, Instant now, String why);

    /**
     * Deletes up to {@code limit} events delivered before {@code before}; one replayed here under a delivery key only
     * once its route is gone or belongs to another lease (until then a late replay of the key must be recognised).
     */
    @Modifying
    @Query(value = """
            delete from held_event where id in (
                select e.id from held_event e
                 where e.delivered_at < :before
                   and (e.delivery_key is null or not exists (
                        select 1 from pico_route r where r.eci = e.eci and r.lease_id = e.lease_id))
                 limit :limit)""", nativeQuery = true)
    int deleteDeliveredBefore(Instant before, int limit);
}
