/**
 * The engine's front door: forwards picos' events and queries to the pico engine on loopback (Spring Cloud Gateway
 * Server MVC), and keeps picos reachable while they move ({@code MovingPicos}). The migration's events
 * ({@code org.picomesh.agent.migration.PicoLeaving} ... {@code PicoArrived}) keep a durable route table in their own
 * transaction; the front door holds a leaving or arriving pico's events in arrival order, delivers them to the local
 * engine when the pico stays or arrives, replays them under delivery keys to the new host when it moved (the new host
 * stores each key once: a repeated replay delivers nothing twice; it takes a key only signed by the agent of the engine
 * the pico moved from), and redirects (GET) or forwards (POST) calls for a moved pico during a grace period. Delivered
 * events and settled routes are deleted after a retention period ({@code picomesh.agent.front-door.*}). ECIs that are
 * not moving cost one lookup in an in-memory map and no query. {@code EngineGuard} refuses what would hand a caller
 * the engine's secrets: the root pico's channels (the agent's mover ruleset), wrangler's {@code skyQuery} and the
 * agent's own event domain.
 */
package org.picomesh.agent.frontdoor;
