package dev.cissentinel.publish;

/** Findings could not be delivered to Security Hub; the CLI exits 1 and the Lambda invocation fails. */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }

    public PublishException(String message) {
        super(message);
    }
}
