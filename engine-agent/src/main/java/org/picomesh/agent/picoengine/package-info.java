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
 * <p>A snapshot holds the channels' private keys. The client keeps it in memory, never logs it, and needs an engine
 * run without its episode log, which would write events' attributes and queries' results to disk.
 */
package org.picomesh.agent.picoengine;
