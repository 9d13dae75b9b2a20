/**
 * Tests of the deployment front door, {@code template.yaml}: its parameters and wiring, the handler it names in the
 * built jar, and least privilege, i.e. that the role grants exactly the AWS actions the code was seen to call.
 * Test-only: there is no main package behind it, the template is the thing under test.
 */
package dev.cissentinel.deploy;
