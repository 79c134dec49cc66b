package org.picomesh.directory.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Engine adverts are written by strangers and the API returns them as they are: browsers are told never to
 * sniff a response into anything but its declared type, and API responses may load nothing. The web directory
 * itself runs only the scripts and styles it serves (Vite's build has no inline script; the pages build their DOM
 * without HTML strings), talks only to this origin (the wallet goes through its own extension) and is framed by
 * no one: a stranger's string that slipped into markup would still run nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // before anything that may answer on its own, such as the list page cache
class SecurityHeaders extends OncePerRequestFilter {
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy",
                request.getRequestURI().startsWith("/api/") ? API_POLICY : APP_POLICY);
        response.setHeader("X-Frame-Options", "DENY"); // frame-ancestors for browsers that predate it
        // the engine page links to strangers' endpoints: they learn nothing of where the visitor came from
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
