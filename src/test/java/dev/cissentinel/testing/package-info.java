/** Test harness: the emulator extension (moto_server or LocalStack) and the fluent account builder. */
package dev.cissentinel.testing;
