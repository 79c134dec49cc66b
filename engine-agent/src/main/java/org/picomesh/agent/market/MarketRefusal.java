package org.picomesh.agent.market;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Why enrolling a pico, or signing for it, did not happen: an RFC 9457 problem with a sentence for the operator. */
final class MarketRefusal extends ErrorResponseException {
    MarketRefusal(HttpStatus status, String detail) {
        super(status);
        setDetail(detail);
    }

    static MarketRefusal notHosted(String pico) {
        return new MarketRefusal(HttpStatus.NOT_FOUND, "this agent does not host pico " + pico + ": enroll it first "
                + "(engine-agent pico enroll <eci>)");
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
