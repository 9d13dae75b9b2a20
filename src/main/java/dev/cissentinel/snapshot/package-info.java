/**
 * The account snapshot: immutable records of everything a scan read ({@link dev.cissentinel.snapshot.AccountSnapshot}),
 * and the reader that fills it ({@link dev.cissentinel.snapshot.SnapshotReader}), the only code in a scan that reads
 * from AWS.
 *
 * <p>Records keep AWS's field names. A read that failed is a {@link dev.cissentinel.snapshot.ReadFailure} (its
 * cause a sealed {@link dev.cissentinel.snapshot.FailureCause}) inside a {@link dev.cissentinel.snapshot.Read}, so
 * the evaluator can make exactly the controls that depend on it NOT_AVAILABLE. SDK model objects never leave the
 * reader: {@code SdkRecords} maps them, and is the one place that knows which fields AWS may leave out and what that
 * means. The records import nothing from the SDK.
 *
 * <p>Decisions taken (details and sources in {@link dev.cissentinel.snapshot.SnapshotReader}):
 * <ul>
 *   <li>Lazy following. Only multi-region trails get {@code GetTrailStatus} and {@code GetEventSelectors}, asked
 *   in the trail's home region with its ARN. Selectors are always asked, whatever
 *   {@code HasCustomEventSelectors} says. A log group is followed when a multi-region trail names it and is
 *   logging or its status could not be read (unknown is not "off"); each group once. Alarms are read only in
 *   regions whose filters emit a metric; topics only for SNS {@code AlarmActions} of alarms on those metrics
 *   (metric-math queries included).</li>
 *   <li>Regions and accounts come from ARNs: a log group's and a topic's from their own ARN, never from the
 *   trail or the scanned region. A log group or topic in another account is recorded
 *   {@link dev.cissentinel.snapshot.FailureCause.CrossAccountResource} without a call. If the caller's account is
 *   unknown, everything counts as the caller's.</li>
 *   <li>Alarms per region: {@code DescribeAlarms} pages while fewer than k pages are read (k = candidate
 *   metrics), then {@code DescribeAlarmsForMetric} per metric; P pages cost P calls when P ≤ k, else 2k, at
 *   most twice the cheaper choice. Never per metric when a candidate metric has dimensions. Per metric misses
 *   metric-math alarms past the pages already read (AWS's API does not return them).</li>
 *   <li>Pagination follows tokens to the end; a repeated token or more than 1000 pages is a
 *   {@link dev.cissentinel.snapshot.FailureCause.PaginationLoop} failure. Page sizes are the APIs' maximums:
 *   alarms 100, metric filters 50.</li>
 *   <li>{@code SnapshotReader.IAM_ACTIONS} lists every action the reader may call, for the function's policy.</li>
 * </ul>
 *
 * <p>Never imports: {@code controls}, {@code findings}, {@code publish}, {@code remediate}, {@code scan},
 * {@code cli}, {@code lambda}.
 */
package dev.cissentinel.snapshot;
