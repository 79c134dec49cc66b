package org.picomesh.agent.migration;

import java.util.Set;
import org.picomesh.agent.snapshot.Cid;
import org.picomesh.agent.snapshot.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes the sealed snapshots no move in progress names, when the worker starts (nothing is being sealed or fetched
 * then): a source that crashed between storing a snapshot and recording its CID seals a new one on restart, and the
 * first would otherwise stay on disk for good. Moves delete their own snapshots when they end.
 */
@Component
class StoreSweep {
    private static final Logger log = LoggerFactory.getLogger(StoreSweep.class);

    private final MoveJournal journal;
    private final Snapshots snapshots;

    StoreSweep(MoveJournal journal, Snapshots snapshots) {
        this.journal = journal;
        this.snapshots = snapshots;
    }

    void sweep() {
        Set<String> open = journal.openCids();
        int deleted = 0;
        for (Cid cid : snapshots.store().list()) {
            if (!open.contains(cid.toString()) && snapshots.store().delete(cid)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            log.info("deleted {} sealed snapshot(s) that no move in progress names", deleted);
        }
    }
}
