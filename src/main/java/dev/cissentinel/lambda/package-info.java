/**
 * The Lambda adapter: {@link dev.cissentinel.lambda.ScanHandler} reads the event and the environment, runs the
 * same scan the CLI runs, and reports through Powertools (structured JSON logs, EMF metrics). Environment
 * variables are read here and nowhere else.
 *
 * <p>SnapStart: the handler is a CRaC {@code Resource}; before the snapshot, {@code SnapStartPriming} drives the
 * scan, the reads and the publisher's request through the real SDK pipeline with dummy keys and stops every
 * request before it is sent, so no AWS I/O happens here despite the SDK calls, and no credentials or
 * connections are captured.
 */
package dev.cissentinel.lambda;
