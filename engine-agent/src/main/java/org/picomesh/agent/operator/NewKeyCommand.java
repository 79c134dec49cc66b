package org.picomesh.agent.operator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.picomesh.agent.chain.EncryptionKeyFile;
import org.picomesh.agent.chain.Keys;
import org.picomesh.agent.chain.Passwords;
import org.picomesh.agent.chain.SecretFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keys new}: a new account in a Web3j keystore and, next to it, the X25519 key pair whose public half the
 * engine advertises. Prints addresses, public keys and file names: never a private key.
 */
@Command(name = "new", description = {"Make a new key: an account in an encrypted keystore (for an agent or an "
        + "operator) and an X25519 key pair for the advert's --encryption-key, encrypted with the same password in a "
        + "file next to it. Both files are readable by their owner only and never written over.",
        "The password comes from PICOMESH_KEYSTORE_PASSWORD, else it is typed twice.",
        Gas.NOTHING})
final class NewKeyCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "the keystore to create")
    Path keystore;

    @Option(names = "--light-kdf", description = "cheaper scrypt (N = 2^12 instead of 2^18): for dev chains and tests")
    boolean lightKdf;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    NewKeyCommand() {
        this(System.getenv());
    }

    NewKeyCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Path encryptionFile = EncryptionKeyFile.besideKeystore(keystore);
        SecretFiles.requireAbsent(keystore, encryptionFile);
        String password = Passwords.fresh(env);
        String address = Keys.create(keystore, password, lightKdf);
        String encryptionKey;
        try {
            encryptionKey = EncryptionKeyFile.create(encryptionFile, password, lightKdf);
        } catch (RuntimeException e) {
            SecretFiles.deleteUnused(keystore);
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("address         %s%n", address);
        out.printf("keystore        %s%n", keystore.toAbsolutePath());
        out.printf("encryption key  %s  (for register --encryption-key)%n", encryptionKey);
        out.printf("its private key %s  (encrypted with the same password)%n", encryptionFile.toAbsolutePath());
        out.println("fund the address with a little ether for gas; name it an engine's agent with `keys rotate-agent` "
                + "or `register --agent`");
        out.flush();
        return 0;
    }
}
