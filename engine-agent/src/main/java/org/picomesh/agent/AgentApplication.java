package org.picomesh.agent;

import org.picomesh.database.EmbeddedDatabaseConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The engine agent daemon ({@code engine-agent run}): the front door of one pico engine. It forwards picos' traffic to
 * the engine on loopback, serves its health as the directory's prober expects, and answers availability challenges
 * against the engine while the engine really answers.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(AgentProperties.class)
@Import(EmbeddedDatabaseConfiguration.class)
public class AgentApplication {}
