package org.picomesh.contracts.placement;

import java.util.List;
import java.util.stream.Collectors;

/** A placement policy that cannot be used: its message lists every problem, each with the field it concerns. */
public class InvalidPolicyException extends RuntimeException {
    private final transient List<PolicyProblem> problems;

    public InvalidPolicyException(List<PolicyProblem> problems) {
        super("the placement policy is not valid: "
                + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
