package org.picomesh.agent.migration;

/** Reasons from the chain are written by strangers: printable, short, before they are stored or shown. */
final class Reasons {
    private Reasons() {}

    static String clean(String reason) {
        if (reason == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        reason.codePoints().limit(Move.MAX_REASON).forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || c == 0 ? '?' : c));
        return out.toString();
    }
}
