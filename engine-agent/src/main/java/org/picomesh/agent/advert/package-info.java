/**
 * The engine's advert, kept truthful by its agent: the capacity the market may lease follows the picos the engine
 * really hosts, and the latency follows what the agent measures of its own front door, re-published only when it
 * drifts beyond a threshold for several measurements in a row, so that no gas is spent on noise. Every other field
 * of the advert stays as the chain has it.
 */
package org.picomesh.agent.advert;
