package org.picomesh.directory.indexer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes one directory instance the indexer among those sharing a database: a PostgreSQL session advisory
 * lock, held on a connection of its own. When the holder dies, its session ends, the lock is released, and
 * another instance takes it on its next try. Each turn also takes the next {@link Fence} token, so that a write
 * still under way from an instance whose session died cannot land after the next one took over.
 */
@Component
class IndexerLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IndexerLock.class);
    /** "pico" in ASCII: the lock's key, the same in every instance. */
    private static final long KEY = 0x7069636FL;

    private final DataSource dataSource;
    private final Fence fence;
    private Connection connection;

    IndexerLock(DataSource dataSource, Fence fence) {
        this.dataSource = dataSource;
        this.fence = fence;
    }

    /** Whether this instance holds the lock now, trying to take it if not. */
    synchronized boolean holdOrAcquire() {
        try {
            if (connection != null && connection.isValid(2)) {
                return true;
            }
            release();
            Connection candidate = dataSource.getConnection();
            try (Statement statement = candidate.createStatement();
                    ResultSet rs = statement.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    connection = candidate;
                    log.info("this instance is now the indexer (turn {})", fence.take());
                    return true;
                }
            }
            candidate.close();
            return false;
        } catch (SQLException | RuntimeException e) {
            log.warn("cannot take the indexer lock: {}", e.getMessage());
            release();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        release();
    }

    private void release() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The session is gone either way, and with it the lock.
            }
            connection = null;
        }
    }
}
