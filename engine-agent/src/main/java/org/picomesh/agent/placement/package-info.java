/**
 * Placement from the chain alone: the registry state every engine has ({@code RegistryBook}, beside the adverts the
 * advert package keeps), held in memory ({@code ChainIndex}), the agent's own probes of a shortlist, and the ranking
 * the directory uses (contracts' placement package), so that a pico can choose its host with the directory down.
 */
package org.picomesh.agent.placement;
