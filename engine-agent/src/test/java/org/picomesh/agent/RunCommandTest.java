package org.picomesh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code run} hands every {@code --name=value} to Spring untouched (the daemon's settings are Spring properties). */
class RunCommandTest {
    @Test
    void passesSpringPropertiesThrough() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--picomesh.agent.engine-id=1", "--server.port=3101",
                "--picomesh.agent.engine-url=http://127.0.0.1:3201");
        assertThat(run.properties).containsExactly("--picomesh.agent.engine-id=1", "--server.port=3101",
                "--picomesh.agent.engine-url=http://127.0.0.1:3201");
    }
}
