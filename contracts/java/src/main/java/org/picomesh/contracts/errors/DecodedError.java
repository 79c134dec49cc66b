package org.picomesh.contracts.errors;

import java.util.Map;

/**
 * A custom error decoded from revert data.
 *
 * @param name the error's name, as in {@code Errors.sol} (for example {@code EngineAtCapacity})
 * @param arguments the error's arguments by name, in declaration order
 * @param message a sentence for people
 */
public record DecodedError(String name, Map<String, Object> arguments, String message) {}
