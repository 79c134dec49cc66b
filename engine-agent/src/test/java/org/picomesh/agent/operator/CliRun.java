package org.picomesh.agent.operator;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.picomesh.agent.AgentCli;
import picocli.CommandLine;

/** Runs the agent's command line in this JVM with an environment of the test's own, capturing what it prints. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(Map<String, String> env, String... args) {
        CommandLine cli = AgentCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** The error's one line (progress lines may come before it on the same stream). */
    public String errorLine() {
        return err.lines().filter(line -> line.startsWith("error: ")).reduce((first, last) -> last).orElse("");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
