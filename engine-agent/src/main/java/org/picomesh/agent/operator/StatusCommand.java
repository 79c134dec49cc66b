package org.picomesh.agent.operator;

import java.net.URI;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = {"Show what the chain says about an engine (stake, listed or halted, keys, "
        + "open challenges, active leases, advert) and, with --directory, what a directory says, side by side: the "
        + "advertised latency against the measured one, and the availability the directory saw.", Gas.NOTHING})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ChainOptions chain;

    @Option(names = "--engine", required = true, paramLabel = "ID", description = OperatorCommands.ENGINE)
    long engineId;

    @Option(names = "--directory", paramLabel = "URL", description = "a picomesh directory's base URL")
    URI directory;

    @Override
    public Integer call() throws Exception {
        if (directory != null) {
            Amounts.requireHttpUrl(directory.toString());
        }
        OperatorCommands.id(engineId);
        Deployment deployment = chain.deployment();
        ChainStatus status;
        try (ChainConnection connection = chain.read(deployment)) {
            status = ChainStatus.read(connection, deployment, engineId);
        }
        DirectoryView view = directory == null ? null : DirectoryView.fetch(directory, engineId);
        new StatusReport(status, view).print(chain.out());
        return 0;
    }
}
