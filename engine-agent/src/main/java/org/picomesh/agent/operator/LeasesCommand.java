package org.picomesh.agent.operator;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.follow.Located;
import org.picomesh.contracts.follow.MarketEvent.LeaseOpened;
import org.picomesh.contracts.generated.LeaseEscrow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "leases", description = {"List an engine's active leases and what each has earned: accrued so far, "
        + "already claimed, claimable now (the escrow's view of each lease opened on the engine).", Gas.NOTHING})
final class LeasesCommand implements Callable<Integer> {
    private static final String FORMAT = "%-7s %-42s %-20s %-16s %-24s %-24s %-24s %s%n";

    @Mixin
    ChainOptions chain;

    @Option(names = "--engine", required = true, paramLabel = "ID", description = OperatorCommands.ENGINE)
    long engineId;

    @Option(names = "--all", description = "ended leases too")
    boolean all;

    @Override
    public Integer call() throws Exception {
        OperatorCommands.id(engineId);
        Deployment deployment = chain.deployment();
        List<LeaseEscrow.LeaseView> leases = new ArrayList<>();
        try (ChainConnection connection = chain.read(deployment)) {
            ChainStatus.requireEngine(connection.registry(deployment.registry()), engineId);
            LeaseEscrow escrow = connection.escrow(deployment.escrow());
            List<Located<LeaseOpened>> opened = new EngineLogs(connection.web3j(), deployment.deploymentBlock())
                    .find(deployment.escrow(), LeaseEscrow.LEASEOPENED_EVENT, 2, engineId, LeaseOpened.class);
            for (Located<LeaseOpened> located : opened) {
                LeaseEscrow.LeaseView lease = escrow.lease(BigInteger.valueOf(located.event().leaseId())).send();
                if (all || lease.active) {
                    leases.add(lease);
                }
            }
        }
        print(chain.out(), leases);
        return 0;
    }

    private void print(PrintWriter out, List<LeaseEscrow.LeaseView> leases) {
        out.printf(FORMAT, "lease", "pico", "started", "price/pico-hour", "deposit", "earned", "claimed", "claimable");
        BigInteger earned = BigInteger.ZERO;
        BigInteger claimable = BigInteger.ZERO;
        List<String> claimableIds = new ArrayList<>();
        for (LeaseEscrow.LeaseView l : leases) {
            out.printf(FORMAT, l.id + (l.active ? "" : " ended"), l.pico,
                    Instant.ofEpochSecond(l.startedAt.longValueExact()), Amounts.ether(l.pricePerHour),
                    Amounts.ether(l.deposit), Amounts.ether(l.accrued), Amounts.ether(l.paid),
                    Amounts.ether(l.claimable));
            earned = earned.add(l.accrued);
            claimable = claimable.add(l.claimable);
            if (l.claimable.signum() > 0) {
                claimableIds.add(l.id.toString());
            }
        }
        out.printf("%d %slease%s of engine %d: earned %s, claimable now %s%n", leases.size(), all ? "" : "active ",
                leases.size() == 1 ? "" : "s", engineId, Amounts.ether(earned), Amounts.ether(claimable));
        if (!claimableIds.isEmpty()) {
            out.printf("claim it with: claim --engine %d %s%n", engineId, String.join(" ", claimableIds));
        }
        out.flush();
    }
}
