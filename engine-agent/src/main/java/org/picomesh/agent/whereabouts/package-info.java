/**
 * Where is a pico? Answered from the chain alone: its lease in the escrow ({@code currentLease}), the lease's engine
 * in the registry, and that engine's advert in force read from the registry's own events and checked against the hash
 * the registry holds; a pending move is shown with its target. Used by the daemon's admin API and by
 * {@code engine-agent pico where}, which needs no daemon.
 */
package org.picomesh.agent.whereabouts;
