package org.picomesh.agent.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import org.picomesh.agent.AgentProperties;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.agent.chain.Passwords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agent's encryption key for moves, unless the application was given one (tests give theirs). */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MigrationConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    EncryptionKey encryptionKey(AgentProperties properties) {
        Path file = properties.encryptionKey() != null ? properties.encryptionKey()
                : properties.keystore() != null ? EncryptionKeyFile.besideKeystore(properties.keystore()) : null;
        String password = System.getenv(Passwords.PASSWORD_ENV);
        if (file == null || !Files.isRegularFile(file) || password == null) {
            log.warn("no encryption key (picomesh.agent.encryption-key and {}): picos cannot move here",
                    Passwords.PASSWORD_ENV);
            return new EncryptionKey(null);
        }
        return new EncryptionKey(EncryptionKeyFile.load(file, password));
    }
}
