package org.picomesh.agent.operator;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.picomesh.contracts.follow.MarketEvent.AdvertPublished;
import org.picomesh.contracts.generated.EngineRegistry;
import org.web3j.utils.Numeric;

/**
 * The chain's and the directory's view of one engine, side by side: a row per figure, marked where the two differ
 * (the directory follows the chain a few blocks behind, so a fresh change shows there last).
 */
final class StatusReport {
    /** A figure as each side has it; null where a side has nothing to say. */
    record Row(String label, String chain, String directory, boolean comparable) {
        boolean differs() {
            return comparable && chain != null && directory != null && !chain.equalsIgnoreCase(directory);
        }
    }

    private final ChainStatus chain;
    private final DirectoryView directory;

    StatusReport(ChainStatus chain, DirectoryView directory) {
        this.chain = chain;
        this.directory = directory;
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        keys(rows, chain.engine());
        stake(rows, chain.engine());
        advert(rows, chain.engine(), chain.advert().orElse(null));
        rows.add(new Row("as of", "block " + chain.block(), dir(d -> "block " + d.field("sourceBlock")), false));
        return rows;
    }

    private void keys(List<Row> rows, EngineRegistry.EngineView e) {
        rows.add(new Row("status", status(e), dir(d -> d.summary("status")), false));
        rows.add(row("operator", e.operator, dir(d -> d.field("keys", "operator"))));
        rows.add(row("agent", e.agent, dir(d -> d.field("keys", "agent"))));
        rows.add(row("payout", e.payout, dir(d -> d.field("keys", "payout"))));
        if (!isZero(e.pendingOperator)) {
            rows.add(row("pending operator", e.pendingOperator, dir(d -> d.field("keys", "pendingOperator"))));
        }
    }

    private void stake(List<Row> rows, EngineRegistry.EngineView e) {
        rows.add(row("stake", Amounts.ether(e.stake), dir(d -> ether(d.summary("stakeWei")))));
        rows.add(row("unbonding", Amounts.ether(e.unbonding) + unlock(e.unlockAt),
                dir(d -> ether(d.field("unbonding", "value")) + unlock(number(d.field("unlockAt"))))));
        rows.add(new Row("payout credit", Amounts.ether(chain.payoutCredit()) + " (the payout address can withdraw it)",
                null, false));
        rows.add(row("open challenges", challenges(), dir(StatusReport::challenges)));
        rows.add(row("capacity", e.capacity.toString(), dir(d -> d.summary("capacity"))));
        rows.add(row("active leases", e.activeLeases.toString(), dir(d -> d.summary("activeLeases"))));
    }

    private void advert(List<Row> rows, EngineRegistry.EngineView e, AdvertPublished ad) {
        rows.add(row("price/pico-hour", Amounts.ether(e.pricePerHour), dir(d -> ether(d.summary("pricePerHourWei")))));
        rows.add(row("advert hash", Numeric.toHexString(e.advertHash), dir(d -> d.field("advertHash"))));
        rows.add(row("endpoint", ad == null ? null : ad.endpoint(), dir(d -> d.summary("endpoint"))));
        rows.add(row("encryption key", ad == null ? null : ad.encryptionKey(), dir(d -> d.field("encryptionKey"))));
        rows.add(new Row("latency", ad == null ? null : "advertised " + ad.latencyMs() + " ms", dir(this::measured),
                false));
        rows.add(new Row("availability", null, dir(this::availability), false));
    }

    void print(PrintWriter out) {
        List<Row> rows = rows();
        out.printf("engine %d%n", chain.engineId());
        if (directory == null) {
            rows.forEach(row -> out.printf("%-19s%s%n", row.label(), dash(row.chain())));
        } else {
            String format = "%-17s%-2s%-68s%s%n";
            out.printf(format, "", "", "chain", "directory");
            rows.forEach(row -> out.printf(format, row.label(), row.differs() ? "*" : "", dash(row.chain()),
                    dash(row.directory())));
        }
        if (directory != null && !directory.present()) {
            out.println("the directory " + directory.problem());
        }
        if (rows.stream().anyMatch(Row::differs)) {
            out.println("* the two differ: the directory follows the chain a few blocks behind");
        }
        out.flush();
    }

    private interface Reading {
        String of(DirectoryView directory);
    }

    private String dir(Reading reading) {
        return directory == null || !directory.present() ? null : reading.of(directory);
    }

    private static Row row(String label, String chain, String directory) {
        return new Row(label, chain, directory, true);
    }

    private static String status(EngineRegistry.EngineView e) {
        String listing = e.halted ? "halted (its leases stopped earning)" : e.listed ? "listed" : "not listed";
        return e.unbonding.signum() > 0 ? listing + ", unbonding" : listing;
    }

    private String challenges() {
        if (chain.challenges().isEmpty()) {
            return chain.engine().openChallenges.toString();
        }
        return chain.challenges().size() + ": " + chain.challenges().stream()
                .map(c -> "#" + c.id() + " until " + c.deadline()).collect(Collectors.joining(", "));
    }

    private static String challenges(DirectoryView d) {
        String open = d.field("openChallenges");
        String deadline = d.field("challengeDeadline");
        return open == null || "0".equals(open) || deadline == null ? open
                : open + " (first until " + Instant.ofEpochSecond(Long.parseLong(deadline)) + ")";
    }

    private String measured(DirectoryView d) {
        String p50 = d.summary("measuredLatencyP50Ms");
        String p95 = d.summary("measuredLatencyP95Ms");
        return p50 == null ? "not measured yet" : "measured p50 " + p50 + " ms, p95 " + p95 + " ms (24 h)";
    }

    private String availability(DirectoryView d) {
        String day = d.summary("availability");
        String hour = d.field("measured", "availability1h", "value");
        String week = d.field("measured", "availability7d", "value");
        return day == null ? "not measured yet" : percent(day) + " (24 h), " + percent(hour) + " (1 h), "
                + percent(week) + " (7 d)";
    }

    private static String percent(String ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.1f %%", Double.parseDouble(ratio) * 100);
    }

    private static String ether(String wei) {
        return wei == null ? null : Amounts.ether(new BigInteger(wei));
    }

    private static String unlock(BigInteger unlockAt) {
        return unlockAt == null || unlockAt.signum() == 0 ? ""
                : ", unlocks " + Instant.ofEpochSecond(unlockAt.longValueExact());
    }

    private static BigInteger number(String text) {
        return text == null ? null : new BigInteger(text);
    }

    private static boolean isZero(String address) {
        return address == null || Numeric.toBigInt(address).signum() == 0;
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
