package org.picomesh.agent.frontdoor;

import java.util.Locale;

/** Where the front door sends a pico's traffic while it moves (the {@code pico_route.state} column). */
enum RouteState {
    /** Runs on the local engine: forwarded there, as any pico that never moved. */
    LIVE,
    /** Leaving this engine: events held, queries wait for the move to settle. */
    HELD,
    /** Imported here, not yet live: held as {@link #HELD}. */
    ARRIVING,
    /** Live here (again): held events are delivered to the local engine, new ones queue behind them. */
    RELEASING,
    /** Moved: held events are replayed to the new host, new ones queue behind them. */
    REPLAYING,
    /** Moved and replayed: redirected or forwarded to the new host during the grace period, then gone. */
    MOVED;

    /** Whether new events queue behind held ones instead of going through. */
    boolean holdsEvents() {
        return this != LIVE && this != MOVED;
    }

    /** Whether held events may go out (to the local engine or the new host). */
    boolean delivers() {
        return this != HELD && this != ARRIVING;
    }

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RouteState ofColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
