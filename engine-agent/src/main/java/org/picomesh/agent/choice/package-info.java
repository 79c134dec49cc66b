/**
 * The pico chooses its host (issue 13): its placement policy and its placement decisions live in the pico itself
 * (entity variables of {@code org.picomesh.market}, shared by its functions {@code policy} and {@code decisions}), so
 * they travel with it when it moves. The agent hosting it reads them, ranks the engines for the policy with
 * {@link org.picomesh.agent.placement.ChainSelection} (the chain and the agent's probes), and lets the policy's
 * hysteresis ({@link org.picomesh.contracts.placement.MoveGate}, its state persisted per pico) say when the pico
 * moves; the pico then signs its own {@code moveLease} and the move protocol does the rest.
 *
 * <p>How the pico reaches its agent: the agent gives its loopback URL to its engine's copy of the ruleset (app
 * variables, which stay on the engine), and the ruleset's rules {@code http:post} there: a policy to validate
 * ({@code market policy_given}: a refused policy leaves the old one), "move me" ({@code market move_requested},
 * answered at once, decided after), "where would I go, and why?" ({@code market where_asked}: the ranked candidates
 * and each excluded engine's reasons, answered to whoever may send the pico events, its owner) and "let me join"
 * ({@code market join_requested}: the pico needs the ruleset first, installed by its owner or its own code through
 * wrangler, and the join must be an event of its own: 0.48.1 picks an event's rules before a ruleset installed by
 * that same event; the agent enrols it, and once its owner funds its account the pico opens its first lease here on
 * its policy's terms, see {@link org.picomesh.agent.choice.FirstLease}). The agent answers these on loopback only; it trusts nothing in them but a pico's
 * address or ECI, and reads the pico's own state for the rest. The other way, the agent writes the pico's policy and
 * decisions with events of its own domain that the pico takes from its agent only
 * ({@link org.picomesh.agent.market.MarketEvents}).
 *
 * <p>Every hosted pico with a policy is evaluated on a schedule ({@code picomesh.agent.placement.interval}). A host
 * that breaks a hard constraint (price raised over the maximum, measured latency over the maximum, no longer listed)
 * is left without waiting for the sustained time, but the cool-down and the window's move budget still apply; the
 * same for a pico that asks to move. A move reads {@code moving} in the pico until it is live again: then
 * {@code moved} (recorded by its new host) or {@code move-rolled-back} with the protocol's reason; the budget counts
 * moves made, and a target whose move rolled back is not asked again within the cool-down. A move back to an engine
 * that still keeps the pico's moved copy (its grace period) is taken there: the old copy goes first, once its move's
 * acceptance is final (see {@code migration.MovedCopies}). The public read {@code GET /picomesh/picos/{did}} on the
 * front door shows the
 * policy and the decisions.
 */
package org.picomesh.agent.choice;
