package org.picomesh.agent.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.picomesh.agent.AgentCli;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Each command's options, as picocli reads them, and what every command's help says. */
class CommandLineParsingTest {
    static final String KEY = "0x" + "ab".repeat(32);
    static final String ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String[] ADVERT = {"--endpoint", "https://engine.example.org:8443", "--did", "did:web:engine.example.org",
            "--price", "0.001eth", "--latency", "40", "--capacity", "100", "--region", "eu-west",
            "--encryption-key", KEY};

    private static ParseResult parse(String... args) {
        return AgentCli.commandLine(Map.of()).parseArgs(args).subcommand();
    }

    private static String[] with(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void registerReadsTheAdvertTheStakeAndWhatThePrintedRunCommandNeeds() {
        ParseResult parsed = parse(with(with(new String[] {"register"}, ADVERT), "--stake", "1.5eth", "--agent", ADDRESS,
                "--engine-url", "http://127.0.0.1:3101", "--agent-keystore", "agent.json", "--deployment", "d.json"));
        RegisterCommand register = (RegisterCommand) parsed.commandSpec().userObject();
        assertThat(register.stake.value()).isEqualTo(new BigInteger("1500000000000000000"));
        assertThat(register.advert.pricePerHour.value()).isEqualTo(new BigInteger("1000000000000000"));
        assertThat(register.agent.hex()).isEqualTo(ADDRESS);
        assertThat(register.engineUrl).isEqualTo("http://127.0.0.1:3101");
        assertThat(register.agentKeystore).isEqualTo(Path.of("agent.json"));
        assertThat(register.chain.deploymentFile()).isEqualTo(Path.of("d.json"));
        assertThat(register.advert.toAdvert().encryptionKey).hasSize(32);
    }

    @Test
    void registerRunsTheAgentOnTheDefaultLocalPicoEngineUnlessTold() {
        RegisterCommand register = (RegisterCommand) parse(with(with(new String[] {"register"}, ADVERT), "--stake", "1"))
                .commandSpec().userObject();
        assertThat(register.engineUrl).isEqualTo("http://127.0.0.1:3000");
        assertThat(register.agent).isNull();
    }

    @Test
    void stakeCommandsReadAmountsInAnyUnit() {
        assertThat(parse("stake", "add", "--engine", "3", "--amount", "2gwei").subcommand()
                .matchedOptionValue("--amount", (Wei) null)).isEqualTo(Wei.of(BigInteger.valueOf(2_000_000_000L)));
        ParseResult unbond = parse("unbond", "--engine", "3", "--amount", "1000000000wei");
        assertThat(unbond.matchedOptionValue("--amount", (Wei) null)).isEqualTo(Wei.of(BigInteger.TEN.pow(9)));
        assertThat(unbond.matchedOptionValue("--engine", 0L)).isEqualTo(3L);
    }

    @Test
    void updateReadsAnAdvertForAnEngine() {
        ParseResult update = parse(with(new String[] {"update", "--engine", "7"}, ADVERT));
        assertThat(update.matchedOptionValue("--engine", 0L)).isEqualTo(7L);
        assertThat(update.matchedOptionValue("--price", (Wei) null)).isEqualTo(Wei.parse("0.001eth"));
    }

    @Test
    void withdrawAnswerAndClaimReadTheirIds() {
        assertThat(parse("withdraw", "--engine", "2").matchedOptionValue("--engine", 0L)).isEqualTo(2L);
        assertThat(parse("answer-challenge", "--challenge", "9").matchedOptionValue("--challenge", 0L)).isEqualTo(9L);
        ParseResult claim = parse("claim", "--engine", "2", "4", "5", "6");
        assertThat(claim.matchedPositionalValue(0, List.<Long>of())).containsExactly(4L, 5L, 6L);
    }

    @Test
    void keysCommandsReadTheirFilesAndAddresses() {
        ParseResult keys = parse("keys", "new", "--keystore", "k/agent.json", "--light-kdf");
        NewKeyCommand created = (NewKeyCommand) keys.subcommand().commandSpec().userObject();
        assertThat(created.keystore).isEqualTo(Path.of("k/agent.json"));
        assertThat(created.lightKdf).isTrue();
        ParseResult rotate = parse("keys", "rotate-agent", "--engine", "1", "--agent", ADDRESS).subcommand();
        assertThat(rotate.matchedOptionValue("--agent", (Address) null)).isEqualTo(new Address(ADDRESS));
        ParseResult payout = parse("keys", "set-payout", "--engine", "1", "--payout", ADDRESS.toLowerCase()).subcommand();
        assertThat(payout.matchedOptionValue("--payout", (Address) null).hex()).isEqualTo(ADDRESS.toLowerCase());
    }

    @Test
    void readingCommandsTakeAnEngineAndADirectory() {
        StatusCommand status = (StatusCommand) parse("status", "--engine", "4", "--directory", "http://127.0.0.1:8080")
                .commandSpec().userObject();
        assertThat(status.engineId).isEqualTo(4L);
        assertThat(status.directory).hasToString("http://127.0.0.1:8080");
        LeasesCommand leases = (LeasesCommand) parse("leases", "--engine", "4", "--all").commandSpec().userObject();
        assertThat(leases.all).isTrue();
        assertThat(parse("engines", "--rpc", "http://127.0.0.1:8545").commandSpec().name()).isEqualTo("engines");
    }

    @Test
    void theOldTopLevelKeyCommandsMovedUnderKeysAndAddingStakeIsStakeAdd() {
        CommandLine cli = AgentCli.commandLine(Map.of());
        assertThat(cli.getSubcommands()).doesNotContainKeys("set-agent", "set-payout")
                .containsKeys("register", "update", "stake", "unbond", "withdraw", "answer-challenge", "claim",
                        "keys", "status", "leases", "engines", "run");
        assertThat(cli.getSubcommands().get("keys").getSubcommands()).containsKeys("new", "rotate-agent", "set-payout");
        assertThat(cli.getSubcommands().get("stake").getSubcommands()).containsOnlyKeys("add");
    }

    @Test
    void theOldAddStakeStillWorksButIsNoLongerListed() {
        assertThat(parse("add-stake", "--engine", "3", "--amount", "1eth").matchedOptionValue("--amount", (Wei) null))
                .isEqualTo(Wei.parse("1eth"));
        CliRun help = CliRun.run(Map.of(), "--help");
        assertThat(help.out()).contains("stake").doesNotContain("add-stake");
    }

    @Test
    void stakeWithoutWhatToDoSaysSo() {
        CliRun run = CliRun.run(Map.of(), "stake");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLine()).startsWith("error: name what to do: add");
    }

    @Test
    void aMissingRequiredOptionIsOneLineAndExitCode2() {
        CliRun run = CliRun.run(Map.of(), "stake", "add", "--engine", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLine()).startsWith("error: Missing required option: '--amount=AMOUNT'").doesNotContain("\n");
        assertThat(run.out()).isEmpty();
    }

    static List<String> everyCommand() {
        List<String> names = new ArrayList<>();
        collect(AgentCli.commandLine(Map.of()), names);
        return names;
    }

    private static void collect(CommandLine command, List<String> names) {
        // `run` is the daemon's (its arguments pass through to Spring): not this command line's to test
        command.getSubcommands().values().stream().filter(sub -> !sub.getCommandSpec().usageMessage().hidden())
                .filter(sub -> !sub.getCommandName().equals("run"))
                .forEach(sub -> {
                    names.add(sub.getCommandSpec().qualifiedName(" ").replaceFirst("^\\S+ ", ""));
                    collect(sub, names);
                });
    }

    static final List<String> SENDING = List.of("register", "update", "stake add", "unbond", "withdraw",
            "answer-challenge", "claim", "keys rotate-agent", "keys set-payout", "pico enroll", "pico move");

    @ParameterizedTest
    @MethodSource("everyCommand")
    void helpSaysWhatEachCommandDoesAndWhatItCosts(String command) {
        CliRun run = CliRun.run(Map.of(), with(command.split(" "), "--help"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Usage: picomesh-agent " + command);
        if (command.equals("keys")) {
            assertThat(run.out()).contains("rotate-agent", "set-payout", "new");
        } else if (command.equals("stake")) {
            assertThat(run.out()).contains("add", "Costs: nothing by itself", "costs the amount plus about");
        } else if (SENDING.contains(command)) {
            assertThat(run.out()).containsPattern("Costs: .*gas");
        } else {
            assertThat(run.out()).contains("Costs: nothing");
        }
    }
}
