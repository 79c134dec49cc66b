package org.picomesh.agent.operator;

import java.io.IOException;
import org.picomesh.agent.chain.AgentException;
import org.picomesh.contracts.errors.ContractRevertedException;
import org.web3j.protocol.exceptions.TransactionException;
import picocli.CommandLine;

/**
 * How the command line reports failures: one line, {@code error: …}, no stack trace. Exit code 2 for what the user
 * can fix (options, keys, files, the node), 3 when the contract refused (decoded from the revert).
 */
final class CliErrors {
    static final int USAGE = 2;
    static final int REVERTED = 3;

    private CliErrors() {}

    static CommandLine.IParameterExceptionHandler parameters() {
        return (e, args) -> {
            CommandLine cli = e.getCommandLine();
            cli.getErr().println("error: " + e.getMessage() + " (see " + cli.getCommandSpec().qualifiedName()
                    + " --help): nothing was sent");
            cli.getErr().flush();
            return cli.getCommandSpec().exitCodeOnInvalidInput();
        };
    }

    static CommandLine.IExecutionExceptionHandler execution() {
        return (e, cli, parseResult) -> {
            cli.getErr().println("error: " + message(e));
            cli.getErr().flush();
            return reverted(e) != null ? REVERTED : USAGE;
        };
    }

    static String message(Throwable e) {
        ContractRevertedException revert = reverted(e);
        if (revert != null) {
            return "the contract refused: " + revert.getMessage()
                    + (revert.transactionHash() == null ? " (found by the estimate: nothing was sent)" : "");
        }
        if (e instanceof AgentException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            return e.getMessage();
        }
        if (e instanceof TransactionException t) {
            return t.getMessage() + t.getTransactionHash().filter(hash -> !t.getMessage().contains(hash))
                    .map(hash -> " (tx " + hash + ")").orElse("");
        }
        if (e instanceof IOException io && String.valueOf(io.getMessage()).startsWith("the node refused")) {
            return io.getMessage() + " (at the estimate: nothing was sent)";
        }
        if (e instanceof IOException || e.getCause() instanceof IOException) {
            return "the chain node failed (" + rootMessage(e) + "): the transaction may or may not have been sent, "
                    + "check with status";
        }
        return e.toString();
    }

    private static ContractRevertedException reverted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ContractRevertedException revert) {
                return revert;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
