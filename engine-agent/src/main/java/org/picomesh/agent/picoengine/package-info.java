/**
 * The pico engine behind the agent: whether it answers ({@link org.picomesh.agent.picoengine.PicoEngineProbe}), how
 * many picos it hosts ({@link org.picomesh.agent.picoengine.PicoCensus}), and what moving a pico needs
 * ({@link org.picomesh.agent.picoengine.PicoEngine}, for pico-engine 0.48.1
 * {@link org.picomesh.agent.picoengine.PicoEngine048}).
 *
 * <p>pico-engine 0.48.1 offers export, import and status only as KRL functions, so the agent installs rulesets of its
 * own on the root pico ({@code org.picomesh.census}, {@code org.picomesh.mover}) and reaches them over the engine's
 * loopback HTTP API. What callers of a moving pico see from its engine: 410 Gone to events and queries while it is
 * leaving (on the source from the export on, on the target until the move is accepted), 302 Found to the new host plus
 * the same path once it is marked moved, 404 once it is deleted.
 *
 * <p>The mover acts only for the agent: every rule and shared function checks that it runs on the root pico and that
 * the event or query came on the root's admin channel (the ECI of {@code /api/root-eci}, which the agent uses for all of
 * its calls). Every hosted pico descends from the root and wrangler gives each child a channel to its parent, so a
 * ruleset in a child of the root could otherwise {@code event:send} the mover's events (mark any pico leaving or moved,
 * import, remove, forge a held event's delivery sequence); and a pico's owner can install any registered ruleset in
 * their own pico through the front door (wrangler's {@code install_rulesets_requested}), the mover included, and query
 * its snapshot of any other pico. What the check cannot stop: 0.48.1's {@code engine:} module serves every ruleset for
 * any pico id ({@code setPicoStatus}, {@code importPico}, {@code removePico}, {@code exportPico},
 * {@code listChannels}, {@code registerRuleset}), so a pico running KRL of its author's own has the whole engine
 * whatever the mover does: the engine must run only rulesets the agent trusts.
 *
 * <p>A snapshot holds the channels' private keys. The client keeps it in memory, never logs it, and needs an engine
 * run without its episode log, which would write events' attributes and queries' results to disk.
 */
package org.picomesh.agent.picoengine;
