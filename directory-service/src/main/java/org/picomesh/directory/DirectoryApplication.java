package org.picomesh.directory;

import org.springframework.boot.SpringApplication;
import org.picomesh.database.EmbeddedDatabaseConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The directory: mirrors the market's contracts, measures engines, and answers which engine fits a pico. */
@SpringBootApplication
@Import(EmbeddedDatabaseConfiguration.class)
public class DirectoryApplication {
    public static void main(String[] args) {
        SpringApplication.run(DirectoryApplication.class, args);
    }
}
