package org.picomesh.contracts.follow;

/**
 * The caller's checkpoint left the chain and none of the blocks it stored within the bound below it is on the
 * chain either: a reorganisation deeper than the bound, or a node that follows another chain (or was reset).
 * The follower refuses to guess; an operator decides (check the node, or follow again from the start block).
 */
public class ReorgTooDeepException extends RuntimeException {
    private final ChainPosition lost;
    private final int searchedDepth;

    public ReorgTooDeepException(ChainPosition lost, int searchedDepth) {
        super("block " + lost.number() + " (" + lost.hash() + ") is no longer on the node's chain, and no block stored"
                + " in the " + searchedDepth + " blocks below it is either: a reorganisation deeper than "
                + searchedDepth + " blocks, or the node follows another chain");
        this.lost = lost;
        this.searchedDepth = searchedDepth;
    }

    /** The checkpoint that is no longer on the chain. */
    public ChainPosition lost() {
        return lost;
    }

    /** How many blocks below the checkpoint were searched for a common ancestor. */
    public int searchedDepth() {
        return searchedDepth;
    }
}
