package org.picomesh.contracts.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gas figures committed with the contracts ({@code figure <name> <value> <unit>} lines, as the bench prints
 * them): a change that makes an operation dearer than recorded, or over its budget, is a regression.
 */
final class GasSnapshot {
    /** How much dearer than recorded a figure may come out: anvil's gas is deterministic, so this is slack only. */
    static final double TOLERANCE = 0.01;
    /** The ratio of a batched claim over 100 leases to 100 single claims must stay at or below this. */
    static final double BATCHED_CLAIM_BUDGET = 0.6;

    private final Map<String, Double> figures;

    private GasSnapshot(Map<String, Double> figures) {
        this.figures = figures;
    }

    static GasSnapshot read(Path file) {
        Map<String, Double> figures = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 4 && parts[0].equals("figure")) {
                    figures.put(parts[1], Double.parseDouble(parts[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gas snapshot " + file, e);
        }
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("no 'figure <name> <value> <unit>' line in " + file);
        }
        return new GasSnapshot(figures);
    }

    int size() {
        return figures.size();
    }

    List<String> regressions(List<GasBench.Row> rows, double batchedRatio) {
        List<String> found = new ArrayList<>();
        for (GasBench.Row row : rows) {
            if (row.figure() == null) {
                continue;
            }
            if (row.budget() > 0 && row.gas() > row.budget()) {
                found.add(row.figure() + " " + row.gas() + " gas is over its budget of " + row.budget());
            }
            Double recorded = figures.get(row.figure());
            if (recorded != null && row.gas() > recorded * (1 + TOLERANCE)) {
                found.add(row.figure() + " " + row.gas() + " gas, recorded " + recorded.longValue());
            }
        }
        Double recordedRatio = figures.get("batched_claim_gas_ratio");
        if (batchedRatio > BATCHED_CLAIM_BUDGET || recordedRatio != null && batchedRatio > recordedRatio + TOLERANCE) {
            found.add(String.format("batched_claim_gas_ratio %.3f (budget %.1f, recorded %s)", batchedRatio,
                    BATCHED_CLAIM_BUDGET, recordedRatio));
        }
        return found;
    }
}
