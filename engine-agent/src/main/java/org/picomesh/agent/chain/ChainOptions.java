package org.picomesh.agent.chain;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.picomesh.contracts.ChainConnection;
import org.picomesh.contracts.Deployment;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every chain command shares: which deployment, which node, which key, and where the command prints.
 * Everything that can be checked without the node is checked before connecting (the key's password first), and a
 * connection is only handed out once the node has answered and proved to be on the deployment's chain.
 */
public final class ChainOptions {
    private final Map<String, String> env;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--deployment", paramLabel = "FILE",
            description = "the deployment file (default: $MESH_STATE_DIR/deployment.json, else .mesh/deployment.json)")
    Path deploymentFile;

    @Option(names = "--rpc", paramLabel = "URL", description = "the JSON-RPC URL (default: the deployment file's)")
    String rpcUrl;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "an encrypted keystore (password in PICOMESH_KEYSTORE_PASSWORD or typed); else the key in "
                    + "PICOMESH_PRIVATE_KEY")
    Path keystore;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Options that read the process's environment. */
    public ChainOptions() {
        this(System.getenv());
    }

    /** Options that read {@code env} instead of the process's environment (for tests). */
    public ChainOptions(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public Deployment deployment() {
        try {
            return Deployment.read(deploymentFile());
        } catch (UncheckedIOException e) {
            throw new AgentException(e.getMessage() + ": " + e.getCause().getMessage());
        }
    }

    /** The deployment file these options name, as given or by default. */
    public Path deploymentFile() {
        if (deploymentFile != null) {
            return deploymentFile;
        }
        String state = env.get("MESH_STATE_DIR");
        return Path.of(state == null || state.isBlank() ? ".mesh" : state, "deployment.json");
    }

    /** The signer's key; a wrong password or a missing key fails here, before any connection. */
    public Credentials credentials() {
        return Keys.load(keystore, env);
    }

    /** Opens a signing connection to the deployment's chain, the key checked first. */
    public ChainConnection connect(Deployment deployment) {
        Credentials credentials = credentials();
        Duration poll = deployment.chainId() == 31337 ? Duration.ofMillis(100) : Duration.ofSeconds(1);
        return checked(deployment, () -> ChainConnection.open(rpcUrl(deployment), credentials, poll));
    }

    /** Opens a connection that only reads: no key needed. */
    public ChainConnection read(Deployment deployment) {
        return checked(deployment, () -> ChainConnection.readOnly(rpcUrl(deployment)));
    }

    public String rpcUrl(Deployment deployment) {
        return rpcUrl != null ? rpcUrl : deployment.rpcUrl();
    }

    /** Whether --rpc overrides the deployment file's node. */
    public boolean rpcGiven() {
        return rpcUrl != null;
    }

    /** The command these options belong to, or null outside a command line. */
    public CommandSpec command() {
        return command;
    }

    public Map<String, String> environment() {
        return env;
    }

    /** Where the command prints results (the command line's out, which tests capture). */
    public PrintWriter out() {
        return command != null ? command.commandLine().getOut() : new PrintWriter(System.out, true);
    }

    /** Where the command prints progress and warnings. */
    public PrintWriter err() {
        return command != null ? command.commandLine().getErr() : new PrintWriter(System.err, true);
    }

    private interface Opening {
        ChainConnection open();
    }

    private ChainConnection checked(Deployment deployment, Opening opening) {
        String url = rpcUrl(deployment);
        ChainConnection connection;
        try {
            connection = opening.open();
        } catch (UncheckedIOException | org.web3j.protocol.exceptions.ClientConnectionException e) {
            throw new AgentException("cannot reach the chain node at " + url + " (" + rootMessage(e) + "): nothing "
                    + "was sent");
        }
        try {
            requireDeploymentChain(deployment, connection, url);
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static void requireDeploymentChain(Deployment deployment, ChainConnection connection, String url) {
        if (connection.chainId() != deployment.chainId()) {
            throw new AgentException("the node at " + url + " is on chain " + connection.chainId() + ", the deployment "
                    + "on chain " + deployment.chainId() + ": nothing was sent");
        }
        try {
            String code = connection.web3j().ethGetCode(deployment.registry(), DefaultBlockParameterName.LATEST).send()
                    .getCode();
            if (code == null || code.equals("0x")) {
                throw new AgentException("there is no registry at " + deployment.registry() + " on the chain at " + url
                        + " (a deployment file of another chain?): nothing was sent");
            }
        } catch (IOException e) {
            throw new AgentException("lost the chain node at " + url + " (" + rootMessage(e) + "): nothing was sent");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
