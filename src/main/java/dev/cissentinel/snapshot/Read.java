package dev.cissentinel.snapshot;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of reading one link of the chain: the value, or why it could not be read. Unknown is never
 * represented as empty: an unreadable list of filters is not "no filters".
 */
public sealed interface Read<T> permits Read.Ok, Read.Unreadable {

    static <T> Read<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Read<T> unreadable(ReadFailure failure) {
        return new Unreadable<>(failure);
    }

    boolean isOk();

    /** The value; only call when {@link #isOk()}. */
    T value();

    /** The failure; only call when not {@link #isOk()}. */
    ReadFailure failure();

    <R> Read<R> map(Function<T, R> mapper);

    record Ok<T>(T value) implements Read<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isOk() {
            return true;
        }

        @Override
        public ReadFailure failure() {
            throw new IllegalStateException("read succeeded");
        }

        @Override
        public <R> Read<R> map(Function<T, R> mapper) {
            return new Ok<>(mapper.apply(value));
        }
    }

    record Unreadable<T>(ReadFailure failure) implements Read<T> {
        public Unreadable {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("unreadable: " + failure.describe());
        }

        @Override
        public <R> Read<R> map(Function<T, R> mapper) {
            return new Unreadable<>(failure);
        }
    }
}
