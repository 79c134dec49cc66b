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
    /**
     * The API page (Swagger UI, which springdoc serves under {@value #API_PAGE}) loads only its own files too and
     * needs no inline script, but as it renders it adds {@code <style>} elements of its own (Chromium reports
     * {@code style-src-elem inline} as it renders the operations). On that path alone inline styles are allowed;
     * scripts stay this origin's files only, and a style runs nothing. The page shows this directory's own API
     * document, no stranger's strings.
     */
    static final String API_PAGE_POLICY = APP_POLICY.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");
    static final String API_PAGE = "/swagger-ui/";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", policy(request.getRequestURI()));
        response.setHeader("X-Frame-Options", "DENY"); // frame-ancestors for browsers that predate it
        // the engine page links to strangers' endpoints: they learn nothing of where the visitor came from
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }

    private static String policy(String path) {
        if (path.startsWith("/api/")) {
            return API_POLICY;
        }
        return path.startsWith(API_PAGE) ? API_PAGE_POLICY : APP_POLICY;
    }
}
