package org.picomesh.directory.api;

/** The request is not valid; the message says what to change. Answered with 400. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
