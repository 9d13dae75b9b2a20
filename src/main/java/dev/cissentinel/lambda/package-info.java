/**
 * The Lambda adapter: {@link dev.cissentinel.lambda.ScanHandler} reads the event and the environment, runs the
 * same scan the CLI runs, and reports through Powertools (structured JSON logs, EMF metrics). Environment
 * variables are read here and nowhere else.
 */
package dev.cissentinel.lambda;
