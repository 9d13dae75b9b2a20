package dev.cissentinel.lambda.log;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * Which events are written: this project's loggers ({@code dev.cissentinel}) from INFO, every other (the SDK,
 * Powertools) from WARN, until Powertools sets one level for all, as its log4j2 manager does: from
 * {@code POWERTOOLS_LOG_LEVEL} or {@code AWS_LAMBDA_LOG_LEVEL} at start, DEBUG for a sampled invocation.
 */
public final class JsonLogLevels implements LoggingManager {

    /** Every logger's level once Powertools set one; null before. */
    private static volatile Level everyLogger;

    /** ServiceLoader's constructor: the state is static, as loggers outlive any one manager instance. */
    public JsonLogLevels() {
    }

    static boolean enabled(String logger, Level level) {
        return level.toInt() >= threshold(logger).toInt();
    }

    private static Level threshold(String logger) {
        Level every = everyLogger;
        if (every != null) {
            return every;
        }
        return logger.startsWith("dev.cissentinel") ? Level.INFO : Level.WARN;
    }

    @Override
    public void setLogLevel(Level level) {
        everyLogger = level;
    }

    @Override
    public Level getLogLevel(Logger logger) {
        return threshold(logger == null ? "" : logger.getName());
    }

    /** Back to the defaults (tests). */
    static void reset() {
        everyLogger = null;
    }
}
