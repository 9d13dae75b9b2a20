/**
 * One scan end to end: {@link dev.cissentinel.scan.ScanSettings} (validated before any call, each check linear in
 * its input and each message quoting at most {@value dev.cissentinel.scan.Quote#MAX_SHOWN} characters of it), then
 * read the account, judge the controls, optionally have AWS's own evaluator confirm the verdicts' filters
 * ({@code dev.cissentinel.confirm}), and report ({@link dev.cissentinel.scan.ResultJson}). The CLI and the Lambda
 * handler are thin shells around {@link dev.cissentinel.scan.Scan}.
 */
package dev.cissentinel.scan;
