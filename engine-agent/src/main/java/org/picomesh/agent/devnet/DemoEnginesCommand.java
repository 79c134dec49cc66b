package org.picomesh.agent.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.picomesh.agent.AgentCli;
import org.picomesh.agent.chain.ChainOptions;
import org.picomesh.contracts.Deployment;
import org.picomesh.contracts.devnet.DevAccounts;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The demo's three sample engines, registered and staked through the agent's own {@code register} command, each by
 * its own operator (dev accounts 1-3) with its own agent key (dev accounts 4-6), both written as keystores under
 * {@code <state>/agents/<n>/} (password from PICOMESH_KEYSTORE_PASSWORD) for the agent daemons to run on. Dev keys
 * are public knowledge: a local dev chain only. Each engine advertises the X25519 key its agent holds (made for it
 * beside its keystore, see {@link DemoEncryptionKeys}), so picos can move between the demo's engines.
 */
@Command(name = "demo-engines", hidden = true, description = "Register three sample engines on a local dev chain.")
public final class DemoEnginesCommand implements Callable<Integer> {
    static final int FIRST_AGENT_PORT = 3101;
    static final int FIRST_ENGINE_PORT = 3201;

    @Mixin
    ChainOptions chain;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = ".mesh", description = "where the keystores go")
    Path state;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = chain.deployment();
        if (deployment.chainId() != 31337) {
            throw new IllegalStateException("demo engines use public dev keys: only on a local dev chain (31337)");
        }
        String password = System.getenv("PICOMESH_KEYSTORE_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("set PICOMESH_KEYSTORE_PASSWORD for the demo's keystores");
        }
        for (int n = 1; n <= 3; n++) {
            Path dir = Files.createDirectories(state.resolve("agents").resolve(String.valueOf(n)));
            Path operator = keystore(DevAccounts.account(n), password, dir.resolve("operator.json"));
            Path agent = keystore(DevAccounts.account(3 + n), password, dir.resolve("agent.json"));
            var advert = SampleAdverts.advert("http://127.0.0.1:" + (FIRST_AGENT_PORT + n - 1), n, 5 * n);
            int exit = AgentCli.commandLine(System.getenv()).execute("register", "--keystore", operator.toString(),
                    "--endpoint", advert.endpoint, "--did", advert.did, "--price", advert.pricePerHour + "wei",
                    "--latency", advert.latencyMs.toString(), "--capacity", advert.capacity.toString(),
                    "--region", advert.region, "--metadata", advert.metadataCid,
                    "--encryption-key", DemoEncryptionKeys.of(agent, password), "--stake", n + "eth",
                    "--agent", DevAccounts.account(3 + n).getAddress(),
                    "--engine-url", "http://127.0.0.1:" + (FIRST_ENGINE_PORT + n - 1),
                    "--agent-keystore", dir.resolve("agent.json").toString());
            if (exit != 0) {
                return exit;
            }
        }
        return 0;
    }

    /** Writes {@code account}'s key into an encrypted keystore at {@code file} (light scrypt: a dev chain). */
    private static Path keystore(Credentials account, String password, Path file) throws Exception {
        if (Files.exists(file)) {
            return file;
        }
        Path tmp = Files.createTempDirectory(file.getParent(), "keystore-");
        try {
            String name = WalletUtils.generateWalletFile(password, account.getEcKeyPair(), tmp.toFile(), false);
            Files.move(tmp.resolve(name), file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
