/**
 * Moves of picos between engines (issue 12), each side a persisted state machine. The chain is the fence: a pico is
 * live only where its lease is. The source ({@code Side.SOURCE}) records the pico leaving before it marks it so on
 * its engine, exports, seals to the target's advertised key, stores the snapshot under its CID and offers it signed
 * by its agent key; the target ({@code Side.TARGET}) takes an offer only for a pending move to itself signed by the
 * lease's engine's agent, fetches from that engine's advertised endpoint, opens, imports idempotently, checks, and
 * accepts on the chain (or rejects with the reason). {@link org.picomesh.agent.migration.MoveFollower} records what
 * the chain says in the follower's transaction; {@link org.picomesh.agent.migration.MoveWorker} takes the next
 * action of each journal on a thread of its own; every step is a small transaction that publishes its event
 * ({@link org.picomesh.agent.migration.PicoLeaving} and the others) in that same transaction. Reorganisations: each
 * chain-derived step keeps its block; a rewind undoes what dropped blocks said ({@code MoveRewind}), the target goes
 * live only once its follower saw the acceptance, and the source deletes its copy only once the acceptance is final.
 */
package org.picomesh.agent.migration;
