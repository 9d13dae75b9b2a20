package dev.cissentinel.scan;

/** Bad configuration or input, found before any AWS call; the CLI exits 2, the Lambda fails the invocation. */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
