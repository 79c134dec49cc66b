/**
 * The one guard in front of every endpoint a stranger advertised (the directory's probes and host reads, the agent's
 * latency probes): an http(s) base URL whose every address lies outside denied ranges, resolved once and connected to
 * at a checked address only, so that neither DNS rebinding nor an advert can turn a prober against the network it
 * runs in. Plain JDK: no Jackson, no Spring, so that both the directory (Jackson 3) and the agent (Jackson 2) use it.
 */
package org.picomesh.contracts.endpoint;
