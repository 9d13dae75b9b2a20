/**
 * One scan end to end, and the seams around it (docs/architecture.md).
 *
 * <ul>
 *   <li>{@link dev.cissentinel.scan.ScanRequest}: everything a scan is asked to do (targets, controls, pattern
 *   mode, remediation, publishing, time limit, confirmation, which findings it owns, what started it), built by
 *   the CLI and the Lambda handler alike from input checked by {@link dev.cissentinel.scan.ScanInput} (before any
 *   call, each check linear in its input and each message quoting at most
 *   {@value dev.cissentinel.scan.Quote#MAX_SHOWN} characters of it).</li>
 *   <li>{@link dev.cissentinel.scan.Scan}: read the target, judge the controls, optionally have AWS's own evaluator
 *   confirm the verdicts' filters ({@code dev.cissentinel.confirm}), report through a
 *   {@link dev.cissentinel.scan.ScanListener}, remediate, publish. It reaches AWS only through
 *   {@link dev.cissentinel.scan.ScanPorts}, wired in production by {@link dev.cissentinel.scan.AwsPorts} and by
 *   fakes in unit tests.</li>
 *   <li>{@link dev.cissentinel.scan.OutputFormat}: the formats a result is printed in ({@code --format}), each a
 *   {@link dev.cissentinel.scan.ResultWriter}; {@link dev.cissentinel.scan.ResultJson} is the JSON contract.</li>
 * </ul>
 *
 * <p>Never imports {@code cli}, {@code lambda} or {@code emulator}; reads no environment variable (the edges
 * do) and writes only to the writers it is given.
 */
package dev.cissentinel.scan;
