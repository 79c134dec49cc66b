package org.picomesh.directory.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL every test uses, chosen once per JVM: the server at {@code PICOMESH_TEST_JDBC_URL} if given
 * (with {@code PICOMESH_TEST_DB_USER} and {@code PICOMESH_TEST_DB_PASSWORD}), else a Testcontainers PostgreSQL
 * when Docker is available, else an embedded PostgreSQL 17. Each caller gets a database of its own on it.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    /** A JDBC server: a base URL without database name, and credentials. */
    private record Server(String baseUrl, String user, String password) {
        String url(String database) {
            return baseUrl + database;
        }
    }

    /** One database of the test server. */
    public record Database(String url, String user, String password) {}

    private TestDatabase() {}

    /** A new, empty database, for one test class or one group of directory instances. */
    public static synchronized Database fresh() {
        Server s = server();
        String name = "picomesh_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
                Statement statement = c.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return new Database(s.url(name), s.user(), s.password());
    }

    private static Server server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static Server start() {
        String url = System.getenv("PICOMESH_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            String base = url.substring(0, url.lastIndexOf('/') + 1);
            return new Server(base, System.getenv("PICOMESH_TEST_DB_USER"), System.getenv("PICOMESH_TEST_DB_PASSWORD"));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
            container.start();
            String jdbc = container.getJdbcUrl();
            return new Server(jdbc.substring(0, jdbc.lastIndexOf('/') + 1), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return new Server("jdbc:postgresql://localhost:" + postgres.getPort() + "/", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }
}
