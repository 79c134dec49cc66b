package org.picomesh.directory.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The servlet container's own error answers (a request line or header it cannot parse or that is too long, an
 * encoded slash or NUL in the path, an unsupported HTTP version) as problem documents instead of Tomcat's HTML
 * page. These requests never reach the application, so this valve is the only place they can be answered.
 * Tomcat instantiates it by name: public, with a public constructor.
 */
public class ProblemReportValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = response.getMessage();
        if (message == null && throwable != null) {
            message = throwable.getMessage();
        }
        ContainerRefusal refusal = ContainerRefusal.of(status, message);
        try {
            response.resetBuffer();
            response.setStatus(refusal.status());
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            byte[] body = Problems.json(refusal.status(), refusal.detail(), null);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer already started: nothing more to tell it
        }
    }
}
