package org.picomesh.agent.chain;

import java.nio.file.Path;
import java.time.Duration;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import picocli.CommandLine.Option;

/** The options every chain command shares: which deployment, which node, which key. */
public final class ChainOptions {
    @Option(names = "--deployment", paramLabel = "FILE",
            description = "the deployment file (default: $MESH_STATE_DIR/deployment.json, else .mesh/deployment.json)")
    Path deploymentFile;

    @Option(names = "--rpc", paramLabel = "URL", description = "the JSON-RPC URL (default: the deployment file's)")
    String rpcUrl;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "an encrypted keystore (password in PICOMESH_KEYSTORE_PASSWORD); else PICOMESH_PRIVATE_KEY")
    Path keystore;

    public Deployment deployment() {
        Path file = deploymentFile;
        if (file == null) {
            String state = System.getenv("MESH_STATE_DIR");
            file = Path.of(state == null || state.isBlank() ? ".mesh" : state, "deployment.json");
        }
        return Deployment.read(file);
    }

    /** Opens a signing connection to the deployment's chain. */
    public ChainConnection connect(Deployment deployment) {
        Duration poll = deployment.chainId() == 31337 ? Duration.ofMillis(100) : Duration.ofSeconds(1);
        return ChainConnection.open(rpcUrl(deployment), Keys.load(keystore), poll);
    }

    /** Opens a connection that only reads: no key needed. */
    public ChainConnection read(Deployment deployment) {
        return ChainConnection.readOnly(rpcUrl(deployment));
    }

    private String rpcUrl(Deployment deployment) {
        return rpcUrl != null ? rpcUrl : deployment.rpcUrl();
    }
}
