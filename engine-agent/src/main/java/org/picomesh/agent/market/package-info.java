/**
 * A pico joins the market (issue 12, item 1): {@code pico enroll} installs the project's ruleset
 * {@code org.picomesh.market} in the pico and gives it its market key, a secp256k1 key the agent makes, whose address
 * is the pico's account and whose {@code did:pkh} is its DID. The key lives in the pico's own entity variables only:
 * it travels with the pico in its sealed snapshot and no channel of the pico shows it (the front door also refuses the
 * root pico's ECIs, wrangler's {@code skyQuery} and the agent's event domain). The agent hosting the pico reads it
 * from the root pico when it signs for the pico (opening its first lease, asking to move it) and keeps no copy: not
 * on disk, and in memory only for the signature, so a pico that moves away leaves no key behind on its old agent
 * and the agent that receives it signs with the key that came in the snapshot. The owner's key never reaches the
 * daemon: the command line funds the pico's account itself.
 *
 * <p>The ruleset's events of the {@code picomesh} domain are the agent's alone. The front door refuses that domain,
 * but inside the engine any pico's ruleset can {@code event:send} it to any ECI it knows, and in 0.48.1 an ECI is no
 * secret to fence with: wrangler's shared {@code channel} function lists every channel of a pico to whoever holds one
 * of them. So the rules that write the pico's policy and decisions take an event only with the agent's token
 * ({@link org.picomesh.agent.market.AgentToken}: an HMAC keyed by the pico's market key, which only its agent reads),
 * raised by {@link org.picomesh.agent.market.MarketEvents}; the agent's URL (app variables, engine-wide) is taken on
 * the root pico's admin channel only, and the key itself on the pico's admin channel only.
 */
package org.picomesh.agent.market;
