package org.picomesh.directory.picos;

import org.picomesh.directory.api.ProblemException;

/**
 * A new policy that did not reach the pico, or that the pico refused: answered as an RFC 9457 problem whose detail
 * says which, and that the pico's policy is unchanged. Never carries the ECI.
 */
class PolicyNotPassedException extends ProblemException {
    private static final String UNCHANGED = "; the pico's policy is unchanged";

    private PolicyNotPassedException(int status, String detail, Integer retryAfterSeconds) {
        super(status, detail + UNCHANGED, retryAfterSeconds);
    }

    /** The pico has no host to give it to now (no active lease, no endpoint, or it is between hosts): 409. */
    static PolicyNotPassedException noHost(String detail) {
        return new PolicyNotPassedException(409, detail, null);
    }

    /** The host or the pico said no (a wrong channel, another pico's channel, a policy its agent refused): 422. */
    static PolicyNotPassedException refused(String detail) {
        return new PolicyNotPassedException(422, detail, null);
    }

    /** The host did not answer, or not with what was asked: 502. */
    static PolicyNotPassedException hostFailed(String detail) {
        return new PolicyNotPassedException(502, detail, null);
    }

    /** Too many policies under way at once: 503, try again in 2 s. */
    static PolicyNotPassedException busy() {
        return new PolicyNotPassedException(503, "the directory is passing on as many policies as it allows at once: "
                + "try again in a moment", 2);
    }
}
