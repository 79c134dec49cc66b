package org.picomesh.agent.frontdoor;

import java.util.regex.Pattern;

/**
 * A replayed event's idempotency key, {@code <source engine>/<lease>/<sequence>}: the engine the pico moved from, the
 * lease it moved from, and the event's place in that engine's queue.
 */
record DeliveryKey(long engineId, long leaseId, long sequence) {
    private static final Pattern FORM = Pattern.compile("[0-9]{1,18}/[0-9]{1,18}/[0-9]{1,18}");

    /** The key, or null when {@code text} is not of the form (digits only, each part at most 18 of them). */
    static DeliveryKey parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            return null;
        }
        String[] parts = text.split("/");
        return new DeliveryKey(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    @Override
    public String toString() {
        return engineId + "/" + leaseId + "/" + sequence;
    }
}
