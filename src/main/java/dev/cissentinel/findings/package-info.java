/**
 * Control results as ASFF findings for Security Hub (CSPM): stable {@code Id} and {@code GeneratorId}, the
 * account's default product, compliance status and reason, the chain as resources and product fields, within
 * every ASFF limit (truncated with a marker, never rejected).
 *
 * <p>Pure: builds SDK model objects only, never a client; the time is passed in. Severity is LOW for FAILED
 * (as Security Hub's own CloudWatch controls) and INFORMATIONAL otherwise; it is sent in
 * {@code FindingProviderFields} too, so a customer's own changes to the top-level copy are respected.
 */
package dev.cissentinel.findings;
