/**
 * SDK plumbing shared by every package that talks to AWS: clients built one way (one url-connection HTTP
 * client, endpoint resolution that honours {@code AWS_ENDPOINT_URL}) and the interceptor that counts calls.
 */
package dev.cissentinel.aws;
