package org.picomesh.agent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Varied placement policies, seeded: prices, regions, capacities, excluded engines, weights and limits drawn anew for
 * each, so neither side answers one repeated query from a cache. Latency and availability carry no weight or
 * constraint: the directory measures them and the agent (probes off here) does not, and the two must agree.
 */
final class SelectPolicies {
    private static final String[] REGIONS = {"eu-west", "us-east", "ap-south", "sa-east", "af-south"};

    private SelectPolicies() {}

    static List<String> make(int count, long seed, int engines) {
        Random random = new Random(seed);
        List<String> policies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringJoiner constraints = new StringJoiner(",", "{", "}");
            if (random.nextBoolean()) {
                constraints.add("\"maxPrice\":\"" + (1 + random.nextInt(50)) * 1_000_000_000_000_000L + "\"");
            }
            if (random.nextInt(3) == 0) {
                constraints.add("\"regions\":[\"" + REGIONS[random.nextInt(REGIONS.length)] + "\"]");
            }
            if (random.nextInt(3) == 0) {
                constraints.add("\"minFreeCapacity\":" + (1 + random.nextInt(15)));
            }
            if (random.nextInt(4) == 0) {
                constraints.add("\"excludeEngines\":[" + (1 + random.nextInt(engines)) + "," + (1 + random.nextInt(engines)) + "]");
            }
            policies.add("{\"constraints\":" + constraints + ",\"weights\":{\"cost\":" + random.nextInt(101)
                    + ",\"stake\":" + random.nextInt(101) + ",\"freeCapacity\":" + random.nextInt(101) + "},\"limit\":"
                    + (1 + random.nextInt(20)) + ",\"maxExcluded\":" + random.nextInt(100) + "}");
        }
        return policies;
    }
}
