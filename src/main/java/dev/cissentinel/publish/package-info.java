/**
 * Delivery of findings to Security Hub: batching, retries of rejected entries, archiving findings of controls
 * no longer evaluated, and a {@link dev.cissentinel.publish.PublishException} that says how to fix an
 * unreachable or disabled Security Hub.
 */
package dev.cissentinel.publish;
