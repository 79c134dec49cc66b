package org.picomesh.agent.chain;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Keystore passwords: from PICOMESH_KEYSTORE_PASSWORD, else typed at the console; never from arguments. */
public final class Passwords {
    public static final String PASSWORD_ENV = "PICOMESH_KEYSTORE_PASSWORD";
    static final int MIN_LENGTH = 8;

    private Passwords() {}

    /** The password of an existing keystore. */
    static String existing(Map<String, String> env, Path keystore) {
        String password = env.get(PASSWORD_ENV);
        if (password != null) {
            return password;
        }
        return new String(console().readPassword("password of %s: ", keystore));
    }

    /** The password of a new keystore: typed twice when not in the environment, and not too short. */
    public static String fresh(Map<String, String> env) {
        String password = env.get(PASSWORD_ENV);
        if (password == null) {
            Console console = console();
            char[] first = console.readPassword("new keystore password (at least %d characters): ", MIN_LENGTH);
            char[] again = console.readPassword("the same password again: ");
            try {
                if (first == null || !Arrays.equals(first, again)) {
                    throw new AgentException("the two passwords differ: nothing was written");
                }
                password = new String(first);
            } finally {
                Arrays.fill(first == null ? new char[0] : first, '\0');
                Arrays.fill(again == null ? new char[0] : again, '\0');
            }
        }
        if (password.length() < MIN_LENGTH) {
            throw new AgentException("a keystore password needs at least " + MIN_LENGTH + " characters: nothing was "
                    + "written");
        }
        return password;
    }

    private static Console console() {
        Console console = System.console();
        if (console == null) {
            throw new AgentException("set " + PASSWORD_ENV + " (there is no console to ask for the keystore password)");
        }
        return console;
    }
}
