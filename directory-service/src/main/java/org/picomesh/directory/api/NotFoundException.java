package org.picomesh.directory.api;

/** No such engine, pico or lease. Answered with 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
