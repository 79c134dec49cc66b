package org.picomesh.directory.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}, where it forwards a {@code sendError} or an exception that escaped
 * the application) as a problem document, in place of Boot's own JSON or HTML: every error of this service reads
 * the same, whatever produced it. Written directly, so that no {@code Accept} header can turn it into a 406.
 */
@RestController
class ProblemErrorController implements ErrorController {
    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given && given >= 400 ? given : 500;
        if (status >= 500) {
            // the cause was logged where it happened; its text is for operators, not for clients
            Problems.write(response, status, "the directory could not answer this request; the cause is logged", null);
            return;
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        if ((message == null || message.toString().isBlank())
                && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown) {
            message = thrown.getMessage();
        }
        ContainerRefusal refusal = ContainerRefusal.of(status, message == null ? null : message.toString());
        Problems.write(response, refusal.status(), refusal.detail(), null);
    }
}
