package dev.cissentinel.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sam build} packages: the template's build (deploy/Makefile, run as SAM runs it, with ARTIFACTS_DIR)
 * puts the jar `mvn package` built into the package's {@code lib/}, and the handler the template names resolves in
 * that jar, loaded on its own as Lambda loads it: without the test classpath behind it. Without the jar, the build
 * stops at once and says what to run.
 */
class TemplateHandlerIT {

    /** Class file major version of Java 25, the template's runtime (java25): the jar's bytecode may not be newer. */
    private static final int JAVA_25 = 69;

    @Test
    void handler_resolvesToAStreamHandlerMethodInTheDeployedJar(@TempDir Path artifacts) throws Exception {
        SamTemplate template = SamTemplate.load();
        Path built = Path.of(System.getProperty("cis-sentinel-lambda.jar", "target/cis-sentinel-lambda.jar"))
                .toAbsolutePath().normalize();
        assertThat(template.resource(SamTemplate.FUNCTION).path("Metadata").path("BuildMethod").asText())
                .isEqualTo("makefile");

        Result make = make(Path.of(template.function().path("CodeUri").asText()), artifacts, null);

        assertThat(make.exitCode()).as(make.output()).isZero();
        Path jar = artifacts.resolve("lib/cis-sentinel-lambda.jar");
        assertThat(Files.mismatch(jar, built)).as("the packaged jar is the one mvn package built").isEqualTo(-1);
        String[] handler = template.function().path("Handler").asText().split("::");
        String className = handler[0];

        try (JarFile contents = new JarFile(jar.toFile())) {
            ZipEntry entry = contents.getEntry(className.replace('.', '/') + ".class");
            assertThat(entry).as("%s in %s", className, jar).isNotNull();
            try (DataInputStream in = new DataInputStream(contents.getInputStream(entry))) {
                in.readInt();
                in.readUnsignedShort();
                assertThat(in.readUnsignedShort()).as("class file major version").isLessThanOrEqualTo(JAVA_25);
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

    @Test
    void build_withoutTheJar_stopsAndSaysWhatToRun(@TempDir Path artifacts) throws Exception {
        Path missing = artifacts.resolve("no/cis-sentinel-lambda.jar");

        Result make = make(Path.of(SamTemplate.load().function().path("CodeUri").asText()), artifacts, missing);

        assertThat(make.exitCode()).isNotZero();
        assertThat(make.output()).contains(missing + " is missing: build it first with 'mvn -B -ntp verify'");
        assertThat(artifacts.resolve("lib")).doesNotExist();
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs the function's build target as SAM's makefile builder does: make --makefile, ARTIFACTS_DIR set. */
    private static Result make(Path codeUri, Path artifacts, Path jar) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/make")) || Files.isExecutable(Path.of("/bin/make")),
                "make is not installed; sam build needs it for BuildMethod: makefile");
        ProcessBuilder builder = new ProcessBuilder("make", "--makefile",
                codeUri.resolve("Makefile").toAbsolutePath().toString(), "build-" + SamTemplate.FUNCTION)
                .directory(artifacts.toFile()).redirectErrorStream(true);
        builder.environment().put("ARTIFACTS_DIR", artifacts.toString());
        if (jar != null) {
            builder.environment().put("CIS_SENTINEL_JAR", jar.toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
