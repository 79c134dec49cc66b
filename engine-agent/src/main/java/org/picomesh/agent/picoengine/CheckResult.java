package org.picomesh.agent.picoengine;

/** Whether an imported pico is the snapshot's pico: the same ECIs, state, rulesets, children and schedules. */
public sealed interface CheckResult {

    /** Whether nothing differs. */
    default boolean same() {
        return this instanceof Same;
    }

    /** Nothing differs. */
    record Same() implements CheckResult {
    }

    /**
     * The first difference found, named without its values (they may be secrets).
     *
     * @param where e.g. {@code pico 9Ud7...: entvars org.example.counter.count}
     */
    record Differs(String where) implements CheckResult {
    }
}
