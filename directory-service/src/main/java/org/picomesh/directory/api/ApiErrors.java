package org.picomesh.directory.api;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place the API's errors become RFC 9457 problem responses: its own typed exceptions, and Spring MVC's
 * (wrong method, media type, path, parameter type, unreadable body), each with a detail that names the parameter
 * or field and says what is accepted ({@link MvcProblemDetails}). Replaces Boot's generic problem handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {
    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> chosen(ProblemException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfterSeconds() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        return answer.body(problem(HttpStatusCode.valueOf(e.status()), e.getMessage()));
    }

    /** The container could not decode a parameter (the request filter normally refuses these first). */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodable(InvalidParameterException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, QueryText.problem(request.getQueryString())
                .orElse("the query string is not percent-encoded UTF-8 name=value pairs joined by '&'"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        HttpStatusCode answered = MvcProblemDetails.status(ex, status);
        ProblemDetail problem = problem(answered, MvcProblemDetails.detail(ex, request,
                body instanceof ProblemDetail given ? given.getDetail() : null));
        return super.handleExceptionInternal(ex, problem, headers, answered, request);
    }

    private static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(Problems.title(status.value()));
        return problem;
    }
}
