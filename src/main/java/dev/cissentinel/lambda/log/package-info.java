/**
 * The function's logging: an SLF4J 2 provider that writes each event as one JSON object on stdout with the keys
 * Powertools' Lambda JSON layout writes ({@code level}, {@code message}, {@code error}, the Lambda context fields
 * {@code PowertoolsLogging.withLogging} puts in the MDC, {@code timestamp}, then other MDC entries and Powertools'
 * structured arguments). It replaces log4j2 and its JSON template layout, whose start-up alone loaded some 1,000
 * classes and took a third of a second of the function's init (docs/benchmarks.md, "Cold path"). Powertools sets
 * the level through {@link JsonLogLevels}, its {@code LoggingManager} service ({@code POWERTOOLS_LOG_LEVEL},
 * Lambda's {@code AWS_LAMBDA_LOG_LEVEL}, the debug sampling rate).
 */
package dev.cissentinel.lambda.log;
