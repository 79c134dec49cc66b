package org.picomesh.directory.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.picomesh.directory.api.BadInputs.BadInput;

/**
 * Mistakes at the HTTP level: methods an endpoint does not allow, paths that do not exist, and requests the servlet
 * container refuses before any application code runs (an overlong request line or header, an encoded slash or NUL
 * in the path, characters HTTP does not allow, a broken header, a malformed body framing).
 */
final class Protocol {
    private Protocol() {}

    static List<BadInput> all() {
        List<BadInput> cases = new ArrayList<>();
        List<String> paths = new ArrayList<>(BadInputs.GET_PATHS);
        paths.add("/api/select");
        for (String path : paths) {
            for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE", "FOO")) {
                cases.add(new BadInput(method + " " + path, method + " " + path + " HTTP/1.1", "", new byte[0], null));
            }
            if (!path.equals("/api/select")) {
                cases.add(new BadInput("POST " + path, "POST " + path + " HTTP/1.1", "Content-Type: application/json\r\n",
                        "{}".getBytes(StandardCharsets.UTF_8), "POST"));
            }
        }
        cases.add(BadInput.get("GET /api/select", "/api/select", "GET"));
        for (String path : List.of("/api/nope", "/api/engines/1/extra", "/api", "/api/", "/nope", "/nope.html",
                "/assets/nope.js", "/actuator/nope", "/actuator/env", "/api/engines/1;x=1/y",
                "/.git/config", "/WEB-INF/web.xml", "/%2e%2e/%2e%2e/etc/passwd")) {
            cases.add(BadInput.get("unknown path " + path, path, null));
        }
        for (String target : List.of("/api/engines/1%2F2", "/api/engines%2F1", "/api/engines/%00", "/api/engines%00",
                "/api/engines/%", "/api/engines/%zz", "/api/engines/%5C1", "/api/engines\\1", "/api/engines/../../../x",
                "/api/engines?q=%", "/api/engines?q=%zz", "/api/engines?q={x}", "/api/engines?q=a|b", "/api/engines?q=<x>",
                "/api/engines/\u0001", "/api/engines/\u007f", "/api/picos/\u00e9", "/api/engines?q=\"", "*", "api/engines",
                "/api/engines#frag", "/api/engines?" + "q=x&".repeat(3000),
                "/api/engines?q=" + "x".repeat(9_000), "/api/engines?q=" + "x".repeat(70_000), "/" + "a/".repeat(5_000))) {
            cases.add(new BadInput("request target " + BadInputs.shown(target), "GET " + target + " HTTP/1.1", "", null, null));
        }
        cases.add(new BadInput("a 10 KB header", "GET /api/engines HTTP/1.1", "X-Big: " + "x".repeat(10_000) + "\r\n", null, null));
        cases.add(new BadInput("a 100 KB header", "GET /api/engines HTTP/1.1", "X-Big: " + "x".repeat(100_000) + "\r\n", null,
                null));
        cases.add(new BadInput("200 headers", "GET /api/engines HTTP/1.1", "X-H: 1\r\n".repeat(200), null, null));
        cases.add(new BadInput("a header name with a space", "GET /api/engines HTTP/1.1", "Bad Name: 1\r\n", null, null));
        cases.add(new BadInput("a header without a colon", "GET /api/engines HTTP/1.1", "NoColon\r\n", null, null));
        cases.add(new BadInput("a header with a NUL", "GET /api/engines HTTP/1.1", "X-A: a\u0000b\r\n", null, null));
        cases.add(new BadInput("two Host headers", "GET /api/engines HTTP/1.1", "Host: a\r\nHost: b\r\n", null, null));
        cases.add(new BadInput("a Host with a path", "GET /api/engines HTTP/1.1", "Host: a/b\r\n", null, null));
        cases.add(new BadInput("a bad Content-Length", "POST /api/select HTTP/1.1",
                "Content-Type: application/json\r\nContent-Length: abc\r\n", new byte[0], null));
        cases.add(new BadInput("two Content-Lengths", "POST /api/select HTTP/1.1",
                "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n", "{}".getBytes(StandardCharsets.UTF_8),
                null));
        cases.add(new BadInput("a bad chunk size", "POST /api/select HTTP/1.1",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                null));
        cases.add(new BadInput("an unknown transfer coding", "POST /api/select HTTP/1.1",
                "Content-Type: application/json\r\nTransfer-Encoding: zip\r\n", "{}".getBytes(StandardCharsets.UTF_8), null));
        cases.add(new BadInput("an unknown HTTP version", "GET /api/engines HTTP/2.7", "", null, null));
        cases.add(new BadInput("accepting only XML", "GET /api/engines HTTP/1.1", "Accept: application/xml\r\n", null, null));
        cases.add(new BadInput("accepting only XML for an engine", "GET /api/engines/abc HTTP/1.1", "Accept: application/xml\r\n",
                null, null));
        cases.add(new BadInput("accepting only HTML for a bad list", "GET /api/engines?limit=0 HTTP/1.1", "Accept: text/html\r\n",
                null, "application/json"));
        return cases;
    }
}
