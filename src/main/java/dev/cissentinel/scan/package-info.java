/**
 * One scan end to end: {@link dev.cissentinel.scan.ScanSettings} (validated before any call), then read the
 * account, judge the controls, and report ({@link dev.cissentinel.scan.ResultJson}). The CLI and the Lambda
 * handler are thin shells around {@link dev.cissentinel.scan.Scan}.
 */
package dev.cissentinel.scan;
