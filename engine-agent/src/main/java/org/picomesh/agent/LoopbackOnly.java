package org.picomesh.agent;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The agent's admin API ({@code /admin/...}) answers callers on loopback only: the operator's own machine. Others get
 * the 404 of a path that does not exist. A reverse proxy on the same host would make every caller look local: keep
 * {@code /admin} out of it.
 */
public final class LoopbackOnly {
    private LoopbackOnly() {}

    /** Refuses (404) a request that does not come from loopback. */
    public static void require(HttpServletRequest http) {
        boolean local;
        try {
            local = InetAddress.getByName(http.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            local = false;
        }
        if (!local) {
            ErrorResponseException hidden = new ErrorResponseException(HttpStatus.NOT_FOUND);
            hidden.setDetail("no such resource");
            throw hidden;
        }
    }
}
