package org.picomesh.agent.picoengine;

import java.util.List;

/**
 * A pico as its engine holds it now. Its id is the engine's own and changes with an import; its ECIs (and the admin
 * ECI among them) travel with it.
 *
 * @param id the engine's id for the pico
 * @param adminEci its admin channel, the ECI by which the agent names it
 * @param ecis all its channels
 * @param status whether it is leaving or has moved
 * @param children its children's ids
 * @param rulesets the rulesets installed in it
 */
public record Pico(String id, String adminEci, List<String> ecis, PicoStatus status, List<String> children,
        List<String> rulesets) {

    public Pico {
        ecis = List.copyOf(ecis);
        children = List.copyOf(children);
        rulesets = List.copyOf(rulesets);
    }
}
