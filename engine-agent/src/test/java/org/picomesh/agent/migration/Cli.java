package org.picomesh.agent.migration;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.picomesh.agent.AgentCli;
import picocli.CommandLine;

/** The agent's command line run in this JVM with an environment of the test's own, and what it printed. */
record Cli(int exitCode, String out, String err) {
    static Cli run(String... args) {
        return run(Map.of(), args);
    }

    static Cli run(Map<String, String> env, String... args) {
        CommandLine cli = AgentCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Cli(cli.execute(args), out.toString(), err.toString());
    }
}
