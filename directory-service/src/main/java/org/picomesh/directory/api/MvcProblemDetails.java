package org.picomesh.directory.api;

import java.util.Set;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** What to tell a client about each of Spring MVC's own exceptions: the mistake, by name, and what is accepted. */
final class MvcProblemDetails {
    private static final int MAX_ECHO = 60;

    private MvcProblemDetails() {}

    /** The status to answer: a body over the size limit is a 413, however deep it was noticed. */
    static HttpStatusCode status(Exception ex, HttpStatusCode status) {
        return cause(ex, RequestLimits.BodyTooLargeException.class) != null ? HttpStatus.CONTENT_TOO_LARGE : status;
    }

    static String detail(Exception ex, WebRequest request, String otherwise) {
        String path = request instanceof ServletWebRequest web ? web.getRequest().getRequestURI() : "this path";
        Throwable tooLarge = cause(ex, RequestLimits.BodyTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge.getMessage();
        }
        if (ex instanceof HttpRequestMethodNotSupportedException e) {
            return "method " + echo(e.getMethod()) + " is not allowed on " + echo(path) + "; allowed: "
                    + allowed(e.getSupportedHttpMethods());
        }
        if (ex instanceof HttpMediaTypeNotSupportedException e) {
            return (e.getContentType() == null ? "a body whose Content-Type is missing or not understood"
                    : "Content-Type '" + echo(e.getContentType().toString()) + "'") + " is not accepted here; send "
                    + e.getSupportedMediaTypes();
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException e) {
            return "this endpoint answers " + e.getSupportedMediaTypes()
                    + " (and errors as application/problem+json), which the Accept header does not allow";
        }
        if (ex instanceof NoResourceFoundException) {
            return "there is nothing at " + echo(path) + "; the API is described at /v3/api-docs";
        }
        if (ex instanceof MissingServletRequestParameterException e) {
            return "the parameter '" + e.getParameterName() + "' (" + e.getParameterType() + ") is required";
        }
        if (ex instanceof TypeMismatchException e) {
            return "parameter '" + e.getPropertyName() + "' must be " + typeName(e.getRequiredType()) + ", not '"
                    + echo(String.valueOf(e.getValue())) + "'";
        }
        if (ex instanceof HttpMessageNotReadableException e) {
            return "the request body could not be read (" + echo(rootMessage(e)) + "); send a JSON document in UTF-8";
        }
        return otherwise == null ? "the request cannot be handled as sent" : otherwise;
    }

    private static String allowed(Set<HttpMethod> methods) {
        return methods == null || methods.isEmpty() ? "none" : methods.stream().map(HttpMethod::name).sorted().toList().toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        return switch (type.getSimpleName()) {
            case "Integer", "int" -> "a whole number from -2147483648 to 2147483647, in decimal digits";
            case "Long", "long" -> "a whole number from -9223372036854775808 to 9223372036854775807, in decimal digits";
            case "Double", "double" -> "a finite decimal number (such as 12.5 or 1e3)";
            default -> "a " + type.getSimpleName().toLowerCase();
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
    }

    static String echo(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > MAX_ECHO ? printable.substring(0, MAX_ECHO) + "..." : printable;
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
