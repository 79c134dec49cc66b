package org.picomesh.agent.migration;

/** Which end of a move this agent is. */
public enum Side {
    SOURCE, TARGET
}
