package dev.cissentinel.lambda.log;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.logging.internal.JsonSerializer;

/**
 * One logger: each enabled event becomes one line of JSON on whatever {@code System.out} is at the time (the
 * runtime sends stdout to CloudWatch Logs; tests capture it). The keys and their order are those of Powertools'
 * Lambda JSON layout (https://docs.powertools.aws.dev/lambda/java/core/logging/): {@code level}, {@code message},
 * {@code error} (message, class name, stack trace), the Lambda context fields that are set, {@code timestamp} (UTC,
 * milliseconds), then any other MDC entry and each {@link StructuredArgument} (Powertools' {@code entry(...)}).
 */
final class JsonLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    /** The context fields Powertools' layout writes, in its order, with how each value is written. */
    private static final List<String> CONTEXT = List.of("cold_start", "function_arn", "function_memory_size",
            "function_name", "function_request_id", "function_version", "sampling_rate", "service");
    private static final List<String> AFTER_TIMESTAMP = List.of("xray_trace_id", "correlation_id");

    JsonLogger(String name) {
        this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        String line;
        try {
            line = line(level, pattern, arguments, throwable, MDC.getCopyOfContextMap(), Instant.now());
        } catch (RuntimeException e) {
            // A logger never fails its caller: an argument that cannot be written still leaves the event's level
            // and pattern, and why the rest is missing.
            line = line(level, pattern, null, null, Map.of("log_error", String.valueOf(e)), Instant.now());
        }
        PrintStream out = System.out;
        out.println(line);
    }

    /** The JSON line of one event (pure: the MDC and the clock are arguments). */
    static String line(Level level, String pattern, Object[] arguments, Throwable throwable,
            Map<String, String> mdc, Instant at) {
        StringBuilder json = new StringBuilder(256);
        Serializer out = new Serializer(json);
        out.writeStartObject();
        out.writeStringField("level", level.name());
        json.append(',');
        out.writeStringField("message", MessageFormatter.basicArrayFormat(pattern, arguments));
        if (throwable != null) {
            StringWriter stack = new StringWriter();
            throwable.printStackTrace(new PrintWriter(stack));
            json.append(",\"error\":{");
            out.writeStringField("message", throwable.getMessage());
            json.append(',');
            out.writeStringField("name", throwable.getClass().getName());
            json.append(',');
            out.writeStringField("stack", stack.toString());
            json.append('}');
        }
        Map<String, String> context = mdc == null ? Map.of() : mdc;
        for (String key : CONTEXT) {
            context(out, json, key, context.get(key));
        }
        json.append(',');
        out.writeStringField("timestamp", timestamp(at));
        for (String key : AFTER_TIMESTAMP) {
            context(out, json, key, context.get(key));
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(context).entrySet()) {
            if (!CONTEXT.contains(entry.getKey()) && !AFTER_TIMESTAMP.contains(entry.getKey())) {
                json.append(',');
                out.writeStringField(entry.getKey(), entry.getValue());
            }
        }
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof StructuredArgument structured) {
                    json.append(',');
                    try {
                        structured.writeTo(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // a StringBuilder never throws
                    }
                }
            }
        }
        out.writeEndObject();
        return json.toString();
    }

    /** A context field as Powertools' layout writes it: booleans and numbers unquoted, absent ones left out. */
    private static void context(Serializer out, StringBuilder json, String key, String value) {
        if (value == null || key.equals("sampling_rate") && !(samplingRate(value) > 0)) {
            return; // as Powertools: a rate of 0 (sampling off), or one that does not parse, is not written
        }
        json.append(',');
        out.writeFieldName(key);
        switch (key) {
            case "cold_start" -> out.writeBoolean(Boolean.parseBoolean(value));
            case "sampling_rate" -> out.writeNumber(samplingRate(value));
            case "function_memory_size" -> {
                try {
                    out.writeNumber(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    out.writeString(value);
                }
            }
            default -> out.writeString(value);
        }
    }

    /** The rate Powertools put in the MDC, NaN when it is not a number. */
    private static float samplingRate(String value) {
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, without java.time's formatter (a few hundred classes at start). */
    static String timestamp(Instant at) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(24);
        pad(text, t.getYear(), 4).append('-');
        pad(text, t.getMonthValue(), 2).append('-');
        pad(text, t.getDayOfMonth(), 2).append('T');
        pad(text, t.getHour(), 2).append(':');
        pad(text, t.getMinute(), 2).append(':');
        pad(text, t.getSecond(), 2).append('.');
        return pad(text, t.getNano() / 1_000_000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    @Override
    public boolean isTraceEnabled() {
        return JsonLogLevels.enabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return JsonLogLevels.enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return JsonLogLevels.enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return JsonLogLevels.enabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return JsonLogLevels.enabled(name, Level.ERROR);
    }

    /**
     * Powertools' serializer, which structured arguments write themselves to, with two fixes: strings are escaped
     * as JSON requires, by Jackson's encoder (it escapes only double quotes, so a backslash or a line break in a
     * value broke the line), and a value of another type is written as its name (enums) or text, never through
     * Powertools' ObjectMapper configuration (JMESPath functions and all, built on first use).
     */
    static final class Serializer extends JsonSerializer {

        private final StringBuilder json;

        Serializer(StringBuilder json) {
            super(json);
            this.json = json;
        }

        @Override
        public void writeString(String text) {
            if (text == null) {
                writeNull();
                return;
            }
            json.append('"');
            JsonStringEncoder.getInstance().quoteAsString(text, json);
            json.append('"');
        }

        @Override
        public void writeObject(Object value) {
            if (value instanceof Enum<?> constant) {
                writeString(constant.name());
            } else if (value == null || value instanceof String || value instanceof Number
                    || value instanceof Boolean || value instanceof Collection<?>
                    || value instanceof Map<?, ?>
                    || value instanceof JsonNode || value.getClass().isArray()) {
                super.writeObject(value);
            } else {
                writeString(value.toString());
            }
        }
    }
}
