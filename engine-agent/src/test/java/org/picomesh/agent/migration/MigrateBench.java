package org.picomesh.agent.migration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./mesh bench migrate}: what moving a pico costs, against real parts (anvil with the market, two quiet pico
 * engines, two agent daemons in this JVM on embedded PostgreSQL, with the daemon's own poll settings). For picos with
 * 10 KB, 1 MB and 10 MB of varied state (children in the first two), each repetition measures in the same run and
 * the same direction (A to B, then back):
 * <ul>
 *   <li>the baseline: a bare export + import of the same pico between the same two engines;
 *   <li>the move: from {@code moveLease} sent to the pico live on the target (the target's journal step LIVE), through
 *       the whole protocol (chain, export, RFC 8785, HPKE, store, gateway fetch, import, check, acceptance mined);
 *   <li>the pause: from the source's journal step LEAVING (the pico's traffic held) to the target's LIVE.
 * </ul>
 * Figures are medians over the repetitions; the overhead is the median move over the median baseline.
 */
public final class MigrateBench {
    /**
     * -Dpicomesh.bench.reps: repetitions per size (odd, so the median is one run; five, as a small pico's bare baseline
     * varies threefold from run to run on a shared machine).
     */
    private static final int REPS = Integer.getInteger("picomesh.bench.reps", 5);
    /** -Dpicomesh.bench.sizes=10kb,1mb: the sizes to run, for working on one. */
    private static final List<String> SIZES = List.of(System.getProperty("picomesh.bench.sizes", "10kb,1mb,10mb")
            .split(","));
    /** The daemon's defaults, set over the test mesh's faster ones: the bench measures what ships. */
    private static final List<String> DAEMON_POLLS = List.of("--picomesh.agent.poll=500ms",
            "--picomesh.agent.move-poll=500ms", "--picomesh.agent.moved-copy-grace=1s");

    private record Size(String label, int bytes, int children) {}

    private record Medians(String label, double bare, double move, double pause) {}

    private MigrateBench() {}

    public static void main(String[] args) throws Exception {
        List<Size> sizes = List.of(new Size("10kb", 10 * 1024, 1), new Size("1mb", 1024 * 1024, 2),
                new Size("10mb", 10 * 1024 * 1024, 0)).stream().filter(s -> SIZES.contains(s.label())).toList();
        List<Medians> medians = new ArrayList<>();
        progress("starting anvil, two pico engines and their agents (" + String.join(" ", DAEMON_POLLS) + ")...");
        try (MoveMesh mesh = new MoveMesh(DAEMON_POLLS)) {
            int account = 1;
            for (Size size : sizes) {
                medians.add(measure(mesh, account++, size));
            }
        }
        System.out.println("Migration benchmark, " + LocalDate.now() + " (./mesh bench migrate): " + REPS
                + " moves per size, A to B and back; move = moveLease sent to the pico live on the target (its "
                + "journal's LIVE); pause = the source's LEAVING to the target's LIVE; overhead = median move / "
                + "median bare export + import of the same pico");
        medians.forEach(m -> System.out.println(figure("migrate_s_" + m.label(), m.move(), "s")));
        medians.forEach(m -> System.out.println(figure("migrate_overhead_" + m.label(), m.move() / m.bare(),
                "ratio")));
        medians.stream().filter(m -> m.label().equals("1mb")).forEach(m -> System.out.println(figure("pause_s_1mb",
                m.pause(), "s")));
        System.exit(0);
    }

    private static Medians measure(MoveMesh mesh, int account, Size size) throws Exception {
        progress("%s: a pico with %d B of varied state and %d children...".formatted(size.label(), size.bytes(),
                size.children()));
        BenchMove pico = new BenchMove(mesh, account, "bench-" + size.label(), size.bytes(), size.children());
        List<Double> bare = new ArrayList<>();
        List<Double> moves = new ArrayList<>();
        List<Double> pauses = new ArrayList<>();
        for (int rep = 0; rep < REPS; rep++) {
            boolean there = rep % 2 == 0;
            MoveMesh.Side from = there ? mesh.a : mesh.b;
            MoveMesh.Side to = there ? mesh.b : mesh.a;
            progress("%s #%d: engine %d to %d...".formatted(size.label(), rep + 1, from.engineId, to.engineId));
            BenchMove.Result result = pico.run(from, to);
            progress("%s #%d: snapshot %d B, bare export+import %.3f s, move %.3f s (%.2fx), pause %.3f s"
                    .formatted(size.label(), rep + 1, result.snapshotBytes(), result.bareS(), result.moveS(),
                            result.moveS() / result.bareS(), result.pauseS()));
            bare.add(result.bareS());
            moves.add(result.moveS());
            pauses.add(result.pauseS());
        }
        return new Medians(size.label(), median(bare), median(moves), median(pauses));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String figure(String name, double value, String unit) {
        return "figure " + name + " " + new BigDecimal(value).setScale(value < 10 ? 2 : 1, RoundingMode.HALF_UP)
                .toPlainString() + " " + unit;
    }

    static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
