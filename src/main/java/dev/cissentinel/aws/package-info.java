/**
 * SDK plumbing shared by every package that talks to AWS: clients built one way (one url-connection HTTP
 * client, endpoint resolution that honours {@code AWS_ENDPOINT_URL}) and the interceptor that counts calls.
 * Which credentials a target's clients use is decided by {@code scan.AwsPorts}; this package only builds them.
 *
 * <p>Never imports any other cis-sentinel package.
 */
package dev.cissentinel.aws;
