package org.picomesh.directory.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.picomesh.contracts.devnet.SampleAdverts;
import org.picomesh.contracts.generated.EngineRegistry;
import org.picomesh.directory.indexer.IndexerSteps;
import org.picomesh.directory.support.Directory;
import org.picomesh.directory.support.TestChain;
import org.picomesh.directory.support.TestDatabase;

/**
 * {@code reorg5_ms}: how long the directory takes to handle a depth-5 reorganisation over the bench's whole index
 * (50,000 events): from the step that finds its checkpoint gone from the chain to the rows put back as they were at
 * the common ancestor and the in-memory lists serving them (the step returns once lists have them). The median of
 * runs after warm-ups; each run drops five blocks that changed adverts and stakes (a stake made the market's
 * highest: the rewind moves every score), and replaces them with six others. Lists are in use in every order
 * first, as a serving directory's are; the time to the first score-ordered page after each reorg is printed beside
 * the figure.
 */
final class ReorgBench {
    private static final int DEPTH = 5;
    private static final int WARM_UPS = 3;
    private static final int RUNS = 7;
    private static final List<String> SORTS = List.of("score", "-score", "price", "stake", "capacity", "latency",
            "availability");

    private ReorgBench() {}

    static String figure(TestChain chain, int engines) throws Exception {
        try (Directory directory = Directory.start(chain.deployment, TestDatabase.fresh(),
                Map.of("picomesh.indexer.enabled", false))) {
            indexToTheHead(directory);
            SORTS.forEach(sort -> directory.get("/api/engines?limit=1&sort=" + sort));
            long indexed = directory.jdbc().queryForObject("select count(*) from chain_event", Long.class);
            EngineRegistry operator = chain.registry(1);
            List<Double> runs = new ArrayList<>();
            List<Double> served = new ArrayList<>();
            for (int run = 0; run < WARM_UPS + RUNS; run++) {
                Object snapshot = chain.anvil.call("evm_snapshot");
                long ancestor = chain.blockNumber();
                for (int block = 0; block < DEPTH; block++) { // automine: one block a transaction
                    long engine = 1 + (run * 31L + block * 7L) % engines;
                    if (block % 2 == 0) {
                        // the market's highest stake: the rewind moves it back, and every score with it
                        operator.addStake(BigInteger.valueOf(engine), TestChain.ether("1")).send();
                    } else {
                        operator.updateAdvert(BigInteger.valueOf(engine), SampleAdverts.advert(
                                "https://dropped-" + run + "-" + block + ".bench.example", 1, 3)).send();
                    }
                }
                indexToTheHead(directory);
                chain.anvil.call("evm_revert", snapshot);
                for (int block = 0; block <= DEPTH; block++) {
                    operator.addStake(BigInteger.valueOf(1 + (run * 17L + block * 13L) % engines), BigInteger.TWO).send();
                }
                long start = System.nanoTime();
                IndexerSteps.step(directory); // finds the checkpoint gone, rewinds
                double ms = (System.nanoTime() - start) / 1e6;
                directory.get("/api/engines?sort=-score&limit=" + (1 + run)); // a new URL: no cached page
                double scoreMs = (System.nanoTime() - start) / 1e6;
                long at = directory.jdbc().queryForObject("select block_number from indexer_checkpoint", Long.class);
                if (at != ancestor) {
                    throw new IllegalStateException("the reorg was not handled in one step: at block " + at
                            + ", the common ancestor is " + ancestor);
                }
                indexToTheHead(directory);
                if (run >= WARM_UPS) {
                    runs.add(ms);
                    served.add(scoreMs);
                }
            }
            double median = runs.stream().sorted().toList().get(runs.size() / 2);
            System.err.println("bench: depth-" + DEPTH + " reorgs over " + indexed + " events: " + runs + " ms");
            System.err.println("bench: from each reorg seen to its first score-ordered page: " + served + " ms (median "
                    + served.stream().sorted().toList().get(served.size() / 2) + ")");
            return DirectoryBench.figure("reorg5_ms", median, "ms");
        }
    }

    private static void indexToTheHead(Directory directory) {
        while (!IndexerSteps.step(directory)) {
            // indexing
        }
    }
}
