package org.picomesh.contracts.follow;

import java.util.Optional;
import java.util.function.Function;

/**
 * Finds where a lost checkpoint's branch and the node's chain meet: the newest block below it that the caller
 * stored and the node still has with the same hash. Blocks the caller did not store are passed over (they held
 * none of its events), and no block below the start block is the caller's.
 */
final class CommonAncestor {
    private CommonAncestor() {}

    /**
     * @throws ReorgTooDeepException when no stored block within {@code maxDepth} blocks below {@code lost} is on the
     *     node's chain
     */
    static ChainPosition below(ChainPosition lost, Node node, Function<Long, Optional<String>> knownHashes,
            long startBlock, int maxDepth) {
        long floor = Math.max(0, lost.number() - maxDepth);
        for (long number = lost.number() - 1; number >= floor; number--) {
            if (number < startBlock) {
                long before = number;
                return node.hashAt(number).map(hash -> new ChainPosition(before, hash))
                        .orElseThrow(() -> new ReorgTooDeepException(lost, maxDepth));
            }
            Optional<String> known = knownHashes.apply(number);
            if (known.isPresent() && node.hashAt(number).filter(known.get()::equalsIgnoreCase).isPresent()) {
                return new ChainPosition(number, known.get());
            }
        }
        throw new ReorgTooDeepException(lost, maxDepth);
    }
}
