/**
 * Tests of the deployment front door, {@code template.yaml}: its parameters and wiring (alarms and who they notify,
 * retention, tags, the role's grants and their tag conditions), the package {@code sam build} makes and the handler
 * it names in the built jar, least privilege (the role grants exactly the AWS actions the code was seen to call), and
 * that two overlapping runs duplicate nothing. That a parameter change publishes a new version is checked on the
 * translated template by {@code src/test/python/template_versions_test.py}, which {@code .ci/run} runs: it needs the
 * SAM transform, a Python package. Test-only: there is no main package behind it, the template is the thing under
 * test.
 */
package dev.cissentinel.deploy;
