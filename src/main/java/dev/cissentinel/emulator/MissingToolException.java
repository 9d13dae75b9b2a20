package dev.cissentinel.emulator;

/**
 * A program that local invoke needs (Go to build the runtime emulator, Maven to fetch the runtime client) is
 * not installed. The message names it and says how to install it; tests turn this into a skip, not a failure.
 */
public final class MissingToolException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    MissingToolException(String message) {
        super(message);
    }
}
