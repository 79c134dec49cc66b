package org.picomesh.agent.migration;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

interface HostedPicoRepository extends Repository<HostedPico, String> {
    HostedPico save(HostedPico pico);

    Optional<HostedPico> findById(String pico);

    Optional<HostedPico> findByLeaseId(Long leaseId);

    Optional<HostedPico> findByAdminEci(String adminEci);

    List<HostedPico> findAllByOrderByPico();

    void delete(HostedPico pico);

    void flush();
}
