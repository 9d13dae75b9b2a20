package dev.cissentinel.lambda.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the Lambda jar (its only one, found through {@code META-INF/services}); elsewhere chosen
 * with {@code -Dslf4j.provider=dev.cissentinel.lambda.log.JsonLogProvider}. The MDC is SLF4J's basic one: a map
 * per thread, which is where Powertools puts the Lambda context.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {

    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        mdc = new BasicMDCAdapter();
        markers = new BasicMarkerFactory();
        java.util.concurrent.ConcurrentMap<String, JsonLogger> made = new java.util.concurrent.ConcurrentHashMap<>();
        loggers = name -> made.computeIfAbsent(name, JsonLogger::new);
    }
}
