/**
 * Local stand-ins for AWS, never left running: the AWS emulator (moto_server) used by the {@code demo} command and
 * the integration tests, installed with pip if none is on the PATH and started on a free loopback port; and
 * {@link dev.cissentinel.emulator.LocalLambda}, the function run as Lambda runs it (AWS's Lambda Runtime Interface
 * Emulator and Java runtime interface client, built with Go and fetched with Maven into the cache directory once,
 * never shaded into the jar) for {@code local-invoke} and its tests.
 */
package dev.cissentinel.emulator;
