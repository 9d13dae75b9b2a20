/**
 * The local AWS emulator (moto_server) used by the {@code demo} command and the integration tests: installs a
 * pinned moto if none is on the PATH, starts it on a free loopback port, and never leaves it running.
 */
package dev.cissentinel.emulator;
