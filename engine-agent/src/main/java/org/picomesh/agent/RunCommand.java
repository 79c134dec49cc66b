package org.picomesh.agent;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code engine-agent run}: starts the daemon; Spring properties pass through as {@code --name=value}. */
@Command(name = "run", description = {"Run the agent daemon in front of a pico engine: it forwards /sky traffic, serves "
        + "/api/engine-version, and answers availability challenges with the agent (hot) key.",
        "Costs: the gas of each answer (about 45,000 gas), paid by the agent key.",
        "Example: run --picomesh.agent.engine-id=1 --picomesh.agent.engine-url=http://127.0.0.1:3101 --server.port=8101"})
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "--name=value", description = "Spring properties (picomesh.agent.*, "
            + "server.port, spring.datasource.*)")
    List<String> properties = List.of();

    /** Runs until the daemon stops (Ctrl-C or SIGTERM: in-flight requests finish first). */
    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = SpringApplication.run(AgentApplication.class,
                properties.toArray(String[]::new));
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }
}
