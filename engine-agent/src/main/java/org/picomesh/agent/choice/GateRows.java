package org.picomesh.agent.choice;

import java.util.Optional;
import org.springframework.data.repository.Repository;

interface GateRows extends Repository<GateRow, String> {
    Optional<GateRow> findById(String pico);

    GateRow save(GateRow row);
}
