package org.picomesh.agent.frontdoor;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface PicoRouteRepository extends Repository<PicoRoute, String> {
    PicoRoute save(PicoRoute route);

    void delete(PicoRoute route);

    Optional<PicoRoute> findById(String eci);

    List<PicoRoute> findByPico(String pico);

    /** The routes of these ECIs that exist: one query for a whole tree's channels. */
    List<PicoRoute> findByEciIn(Collection<String> ecis);

    /** The pico an ECI's route is of: what to lock before reading the route itself. */
    @Query("select r.pico from PicoRoute r where r.eci = :eci")
    Optional<String> picoOf(String eci);

    @Query("select r from PicoRoute r where r.state <> 'live'")
    List<PicoRoute> findMoving();

    /**
     * Serialises, until the transaction ends, everything that changes a pico's routes or queue: a step of its move,
     * an event held, the end of a delivery. An advisory lock also covers rows another transaction is still inserting.
     */
    @Query(value = "select count(*) from (select pg_advisory_xact_lock(hashtext('pico-route:' || :pico))) l",
            nativeQuery = true)
    long lock(String pico);

    /** Picos with held events that may go out now, or whose routes wait for their last held event to go. */
    @Query(value = """
            select e.pico from held_event e left join pico_route r on r.eci = e.eci
             where e.delivered_at is null and (r.state is null or r.state not in ('held', 'arriving'))
            union
            select r.pico from pico_route r where r.state in ('releasing', 'replaying')""", nativeQuery = true)
    List<String> findPicosToDeliver();

    /** Picos with a route settled before {@code before}: live since then, or moved with its grace over by then. */
    @Query(value = """
            select distinct pico from pico_route
             where (state = 'live' and changed_at < :before) or (state = 'moved' and moved_until < :before)""",
            nativeQuery = true)
    List<String> findPicosSettledBefore(Instant before);
}
