package dev.cissentinel.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** This build's version, which Maven writes into the jar. */
public final class ToolVersion {

    private static final String VERSION = load();

    private ToolVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = ToolVersion.class.getResourceAsStream("/dev/cissentinel/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
