package org.picomesh.directory.picos;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A new policy that did not reach the pico, or that the pico refused: answered as an RFC 9457 problem whose detail
 * says which, and that the pico's policy is unchanged. Never carries the ECI.
 */
class PolicyNotPassedException extends ErrorResponseException {
    private static final String UNCHANGED = "; the pico's policy is unchanged";

    private PolicyNotPassedException(HttpStatusCode status, String detail) {
        super(status, problem(status, detail + UNCHANGED), null);
    }

    /** The pico has no host to give it to now (no active lease, no endpoint, or it is between hosts). */
    static PolicyNotPassedException noHost(String detail) {
        return new PolicyNotPassedException(HttpStatus.CONFLICT, detail);
    }

    /** The host or the pico said no: a wrong channel, another pico's channel, or a policy its agent refused. */
    static PolicyNotPassedException refused(String detail) {
        return new PolicyNotPassedException(HttpStatusCode.valueOf(422), detail);
    }

    /** The host did not answer, or not with what was asked. */
    static PolicyNotPassedException hostFailed(String detail) {
        return new PolicyNotPassedException(HttpStatus.BAD_GATEWAY, detail);
    }

    /** Too many policies under way at once. */
    static PolicyNotPassedException busy() {
        PolicyNotPassedException busy = new PolicyNotPassedException(HttpStatus.SERVICE_UNAVAILABLE,
                "the directory is passing on as many policies as it allows at once: try again in a moment");
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "2");
        return busy;
    }

    private static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        return problem;
    }
}
