package org.picomesh.contracts.placement;

/**
 * One thing wrong with a placement policy: where ({@code path}, such as {@code weights.cost}, empty for the whole
 * document) and what.
 */
public record PolicyProblem(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
