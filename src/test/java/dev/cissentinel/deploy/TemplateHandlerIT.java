package dev.cissentinel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The handler {@code template.yaml} names resolves in the jar it deploys ({@code CodeUri}), the jar `mvn package`
 * built, loaded on its own as Lambda loads it: without the test classpath behind it.
 */
class TemplateHandlerIT {

    /** Class file major version of Java 21, the template's runtime: the jar's bytecode may not be newer. */
    private static final int JAVA_21 = 65;

    @Test
    void handler_resolvesToAStreamHandlerMethodInTheDeployedJar() throws Exception {
        SamTemplate template = SamTemplate.load();
        Path jar = Path.of(System.getProperty("cis-sentinel-lambda.jar", "target/cis-sentinel-lambda.jar"))
                .toAbsolutePath().normalize();
        assertThat(jar).isEqualTo(Path.of(template.function().path("CodeUri").asText()).toAbsolutePath()
                .normalize()).isRegularFile();
        String[] handler = template.function().path("Handler").asText().split("::");
        String className = handler[0];

        try (JarFile contents = new JarFile(jar.toFile())) {
            ZipEntry entry = contents.getEntry(className.replace('.', '/') + ".class");
            assertThat(entry).as("%s in %s", className, jar).isNotNull();
            try (DataInputStream in = new DataInputStream(contents.getInputStream(entry))) {
                in.readInt();
                in.readUnsignedShort();
                assertThat(in.readUnsignedShort()).as("class file major version").isLessThanOrEqualTo(JAVA_21);
            }
        }
        try (URLClassLoader lambda = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(className, false, lambda);
            Class<?> streamHandler = lambda.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
            Class<?> context = lambda.loadClass("com.amazonaws.services.lambda.runtime.Context");

            assertThat(type.getClassLoader()).isSameAs(lambda);
            assertThat(streamHandler).isAssignableFrom(type);
            Method method = type.getMethod(handler[1], InputStream.class, OutputStream.class, context);
            assertThat(Modifier.isPublic(method.getModifiers())).isTrue();
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
        }
    }
}
