package org.gsmile.core;

/**
 * A mistake the user can fix: bad option, missing file, unreachable server. The message is one
 * line naming the problem and the fix; command lines print it and exit with code 2.
 */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
