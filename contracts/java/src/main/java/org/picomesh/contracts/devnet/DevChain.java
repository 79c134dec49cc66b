package org.picomesh.contracts.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.MarketDeployer;
import org.picomesh.contracts.MarketParameters;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.crypto.Credentials;

/**
 * {@code ./mesh chain}: starts a local anvil (or uses the chain at {@code PICOMESH_RPC_URL}), deploys the
 * market, and writes {@code deployment.json} into the state directory. A local chain runs until the process
 * is stopped, and its deployment file goes with it.
 */
public final class DevChain {
    private DevChain() {}

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(env("MESH_STATE_DIR", ".mesh"));
        Path deploymentFile = stateDir.resolve("deployment.json");
        String externalRpc = System.getenv("PICOMESH_RPC_URL");
        if (externalRpc != null && !externalRpc.isBlank()) {
            deployTo(externalRpc, deploymentFile);
            return;
        }
        int port = Integer.parseInt(env("MESH_CHAIN_PORT", "8545"));
        Anvil anvil;
        try {
            anvil = Anvil.start(port);
        } catch (IllegalStateException e) { // one line for the person at the terminal, no stack trace
            System.err.println("error: " + e.getMessage().strip() + "\n(another chain on port " + port + "? stop it, or "
                    + "set MESH_CHAIN_PORT to another port)");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteQuietly(deploymentFile);
            anvil.close();
            stopped.countDown();
        }));
        try (ChainConnection chain = ChainConnection.open(anvil.rpcUrl(), DevAccounts.account(DevAccounts.DEPLOYER), Duration.ofMillis(50))) {
            String treasury = DevAccounts.account(DevAccounts.TREASURY).getAddress();
            Deployment deployment = MarketDeployer.deploy(chain, anvil.rpcUrl(), MarketParameters.defaults(treasury));
            EngineRegistry registry = chain.registry(deployment.registry());
            registry.grantRole(registry.ARBITER_ROLE().send(), DevAccounts.account(DevAccounts.ARBITER).getAddress()).send();
            deployment.write(deploymentFile);
            System.out.printf("anvil at %s (chain %d)%nEngineRegistry %s%nLeaseEscrow    %s%ndeployment file %s%n",
                    anvil.rpcUrl(), deployment.chainId(), deployment.registry(), deployment.escrow(), deploymentFile);
        }
        stopped.await();
    }

    /** Deploys to another chain with the key in PICOMESH_PRIVATE_KEY; its admin is that key's account. */
    private static void deployTo(String rpcUrl, Path deploymentFile) throws Exception {
        String key = System.getenv("PICOMESH_PRIVATE_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("PICOMESH_RPC_URL is set: also set PICOMESH_PRIVATE_KEY (the deployer's key)");
        }
        String treasury = env("PICOMESH_TREASURY", Credentials.create(key.strip()).getAddress());
        try (ChainConnection chain = ChainConnection.open(rpcUrl, Credentials.create(key.strip()), Duration.ofSeconds(1))) {
            Deployment deployment = MarketDeployer.deploy(chain, rpcUrl, MarketParameters.defaults(treasury));
            deployment.write(deploymentFile);
            System.out.printf("deployed to chain %d: EngineRegistry %s, LeaseEscrow %s; wrote %s%n",
                    deployment.chainId(), deployment.registry(), deployment.escrow(), deploymentFile);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException ignored) {
            // Best effort on the way out: a stale file names a chain that is gone, which readers report.
        }
    }
}
