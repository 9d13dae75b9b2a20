/**
 * The Lambda adapter: {@link dev.cissentinel.lambda.ScanHandler} turns the environment ({@code HandlerConfig},
 * validated at init) and the event ({@code Invocation}) into a {@link dev.cissentinel.scan.ScanRequest}, runs the
 * same scan the CLI runs, and reports through Powertools (structured JSON logs, EMF metrics) and a JSON summary.
 * Environment variables are read here and nowhere else. The handler gets its {@link dev.cissentinel.scan.ScanPorts}
 * from a supplier called on the first invocation, so unit tests pass fakes and no client exists before then.
 *
 * <p>Re-check on change: {@code ChangeEvent} validates one EventBridge event of a CloudTrail-recorded call in
 * {@link dev.cissentinel.controls.LinkEvents}; {@code Recheck} (pure) unwraps an SQS batch, groups its calls by
 * account with each {@code eventID} once, and chooses the controls each group re-checks from what this tool's
 * findings name; the handler reads those findings once, scans each group once with remediation off, and owns only
 * the findings it judged (docs/architecture.md, "Re-check on change").
 *
 * <p>SnapStart: the handler is a CRaC {@code Resource}; before the snapshot, {@code SnapStartPriming} drives the
 * scan, the reads and the publisher's request through the real SDK pipeline with dummy keys and stops every
 * request before it is sent, so no AWS I/O happens here despite the SDK calls, and no credentials or
 * connections are captured.
 *
 * <p>Never imports {@code cli} or {@code emulator} (the Lambda jar leaves them out; ArchitectureTest).
 */
package dev.cissentinel.lambda;
