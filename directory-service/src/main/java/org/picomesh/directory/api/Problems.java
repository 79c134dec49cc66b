package org.picomesh.directory.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem documents written straight to a response, for the places that answer before or outside Spring
 * MVC (request filters, the container's error page and its error report valve): the same fields and media type
 * as the controllers' {@code ProblemDetail}s.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    /** The problem's JSON: {@code type}, {@code title} (the status's reason), {@code status}, {@code detail}. */
    public static byte[] json(int status, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return JSON.writeValueAsBytes(problem);
    }

    /** Answers with the problem unless the response is already on its way. */
    public static void write(HttpServletResponse response, int status, String detail, String instance)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = json(status, detail, instance);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
