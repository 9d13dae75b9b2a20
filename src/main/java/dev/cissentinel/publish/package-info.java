/**
 * Delivery of findings to Security Hub: batching, retries of rejected entries, archiving exactly the findings a
 * run owns ({@link dev.cissentinel.publish.FindingScope}: a run that named its controls archives nothing, a full
 * run archives the findings of controls switched off), and a {@link dev.cissentinel.publish.PublishException} that
 * says how to fix an unreachable or disabled Security Hub.
 *
 * <p>Never imports {@code scan}, {@code cli} or {@code lambda}: the scan hands it a
 * {@link dev.cissentinel.publish.FindingBatch} through its finding sink.
 */
package dev.cissentinel.publish;
