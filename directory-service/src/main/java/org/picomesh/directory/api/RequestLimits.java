package org.picomesh.directory.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any parsing, a query string that is not strict percent-encoded UTF-8 (400 naming the parameter)
 * and a body over {@code picomesh.api.max-body-size} (256 KB: a placement policy is a few hundred bytes, its
 * longest allowed lists included): 413, at once when the length is declared, or as soon as a chunked body passes it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after the security headers, so that refusals carry them too
class RequestLimits extends OncePerRequestFilter {
    private final long maxBody;

    RequestLimits(@Value("${picomesh.api.max-body-size:256KB}") DataSize maxBody) {
        this.maxBody = maxBody.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> query = QueryText.problem(request.getQueryString());
        if (query.isPresent()) {
            Problems.write(response, 400, query.get(), null);
            return;
        }
        if (request.getContentLengthLong() > maxBody) {
            Problems.write(response, 413, tooLarge(), null);
            return;
        }
        chain.doFilter(new Bounded(request, maxBody), response);
    }

    private String tooLarge() {
        return "the request body is limited to " + maxBody + " bytes";
    }

    /** A body over the limit: answered with 413 wherever it is noticed. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }

    /** The request with a body stream that fails once it has given more than the limit. */
    private final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counted(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private final class Counted extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counted(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(tooLarge());
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
