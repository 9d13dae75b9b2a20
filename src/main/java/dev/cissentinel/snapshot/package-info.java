/**
 * The account snapshot: immutable records of everything a scan read ({@link dev.cissentinel.snapshot.AccountSnapshot}),
 * and the reader that fills it, the only code in a scan that reads from AWS.
 *
 * <p>Records keep AWS's field names. A read that failed is a {@link dev.cissentinel.snapshot.ReadFailure} inside a
 * {@link dev.cissentinel.snapshot.Read}, so the evaluator can make exactly the controls that depend on it
 * NOT_AVAILABLE. SDK model objects never leave the reader.
 */
package dev.cissentinel.snapshot;
