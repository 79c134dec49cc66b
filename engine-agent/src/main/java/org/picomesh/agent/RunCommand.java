package org.picomesh.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code engine-agent run}: starts the daemon; Spring properties pass through as {@code --name=value}. */
@Command(name = "run", description = {"Run the agent daemon in front of a pico engine: it forwards /sky traffic, serves "
        + "/api/engine-version, answers availability challenges with the agent (hot) key, claims what leases earned, "
        + "and keeps the advert truthful (capacity from the picos the engine hosts, latency it measures of itself).",
        "Costs: the gas of each answer (about 59,000 gas), of each batched claim (about 56,000 + 11,100 a lease) and "
        + "of each advert update (about 50,000 gas: only when the capacity changes or the latency drifts beyond the "
        + "thresholds several times in a row), paid by the agent key.",
        "Spring properties pass through: --picomesh.agent.engine-id=N (required), --picomesh.agent.engine-url=URL, "
        + "--picomesh.agent.max-picos=N (the most picos the engine may hold; default 100), "
        + "--picomesh.agent.keystore=FILE, --server.port=N, --spring.datasource.url=... (default: an embedded "
        + "PostgreSQL in --picomesh.database.data-dir).",
        "Example: run --picomesh.agent.engine-id=1 --picomesh.agent.engine-url=http://127.0.0.1:3201 --server.port=3101"})
final class RunCommand implements Callable<Integer> {
    /** Spring properties ({@code --picomesh.agent.*}, {@code --server.port}, {@code --spring.datasource.*}). */
    @Unmatched
    List<String> properties = new ArrayList<>();

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
