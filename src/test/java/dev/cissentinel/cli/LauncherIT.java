package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/cis-sentinel} as a user runs it, on JDK 17 (AppCDS archive) and JDK 25 (AOT cache): the first scan
 * makes the start-up cache, later runs use it, arguments, stdin, stdout and exit codes are the jar's own, and a
 * damaged, refused or outdated cache is replaced, never a crash. Each test has its own cache directory
 * ({@code XDG_CACHE_HOME}) and its own copy of the jar ({@code CIS_SENTINEL_JAR}).
 */
@ExtendWith(EmulatorExtension.class)
class LauncherIT {

    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Path LAUNCHER = Path.of("bin", "cis-sentinel").toAbsolutePath();
    private static final Path JAR = Path.of(System.getProperty("cis-sentinel.jar", "target/cis-sentinel.jar"));
    private static final String[] SCAN = {"scan", "--region", "us-east-1", "--format", "json", "--no-publish"};

    @TempDir
    Path work;

    @BeforeAll
    static void seed(TestAccount account) {
        account.compliantAccount();
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void firstScanMakesTheCache_laterRunsUseItAndBehaveAsTheJar(int feature, Emulator emulator) throws Exception {
        Launcher launcher = launcher(feature, emulator);

        Run first = launcher.run(SCAN);
        Path cache = launcher.onlyCache();
        long size = Files.size(cache);
        long modified = Files.getLastModifiedTime(cache).toMillis();
        Run second = launcher.run(SCAN);

        assertAllPassedJson(first);
        assertAllPassedJson(second);
        assertThat(second.stderr).as("no note once the cache exists").doesNotContain("cis-sentinel:");
        assertThat(launcher.onlyCache()).isEqualTo(cache);
        assertThat(Files.size(cache)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(cache).toMillis()).isEqualTo(modified);
        // Arguments with spaces and quotes, stdin, stdout and exit codes pass through as with java -jar.
        String pattern = "{ $.eventName = \"ConsoleLogin\" }";
        for (String[] args : List.of(new String[] {"pattern", "test", pattern, "--event", "-"},
                new String[] {"pattern", "covers", "{ $.eventName = \"Other\" }", "--control", "CloudWatch.6"},
                new String[] {"scan", "--region", "us-east-1", "--confirm-with-aws=maybe"})) {
            Run viaLauncher = launcher.run("{\"eventName\":\"ConsoleLogin\"}", args);
            Run viaJar = launcher.plainJar("{\"eventName\":\"ConsoleLogin\"}", args);
            assertThat(viaLauncher).as(String.join(" ", args)).isEqualTo(viaJar);
        }
        assertThat(launcher.plainJar("{\"eventName\":\"ConsoleLogin\"}", "pattern", "test", pattern, "--event", "-"))
                .isEqualTo(new Run(0, "match\n", ""));
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void damagedCache_isDeletedWithOneNoteAndRebuiltByTheScan(int feature, Emulator emulator) throws Exception {
        Launcher launcher = launcher(feature, emulator);
        launcher.run(SCAN);
        Path cache = launcher.onlyCache();
        long size = Files.size(cache);
        try (RandomAccessFile file = new RandomAccessFile(cache.toFile(), "rw")) {
            file.setLength(size / 2);
        }

        Run damaged = launcher.run(SCAN);
        Run after = launcher.run(SCAN);

        assertAllPassedJson(damaged);
        assertThat(damaged.stderr.lines().filter(line -> line.startsWith("cis-sentinel: start-up cache")))
                .singleElement().asString().contains("is damaged");
        assertThat(launcher.onlyCache()).isEqualTo(cache);
        assertThat(Files.size(cache)).as("rebuilt whole").isGreaterThan(size / 2);
        assertAllPassedJson(after);
        assertThat(after.stderr).doesNotContain("cis-sentinel:");
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void cacheTheJvmRefuses_runsWithoutItThenNotedAndRebuilt(int feature, Emulator emulator) throws Exception {
        Launcher launcher = launcher(feature, emulator);
        launcher.run(SCAN);
        Path cache = launcher.onlyCache();
        // Same size, so the launcher's own check passes: only the JVM can tell it is no archive.
        Files.write(cache, new byte[(int) Files.size(cache)]);

        Run refused = launcher.run(SCAN);
        Run noted = launcher.run(SCAN);
        Run after = launcher.run(SCAN);

        assertAllPassedJson(refused);
        assertAllPassedJson(noted);
        assertThat(noted.stderr).contains("the JVM could not use start-up cache");
        assertThat(Files.readAllBytes(launcher.onlyCache())).as("rebuilt").containsAnyOf((byte) 1, (byte) 2);
        assertAllPassedJson(after);
        assertThat(after.stderr).doesNotContain("cis-sentinel:");
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void jvmOptionsFromTheEnvironment_getTheirOwnCache_eachSetKeepsUsingItsOwn(int feature, Emulator emulator)
            throws Exception {
        Launcher plain = launcher(feature, emulator);
        Launcher capped = plain.withToolOptions("-Xmx128m");
        plain.run(SCAN);
        Path plainCache = plain.onlyCache();
        long plainModified = Files.getLastModifiedTime(plainCache).toMillis();

        Run cappedFirst = capped.run(SCAN);
        List<Path> caches = plain.caches();
        assertThat(caches).as("a cache per set of options").hasSize(2).contains(plainCache);
        Path cappedCache = caches.stream().filter(cache -> !cache.equals(plainCache)).findFirst().orElseThrow();
        long cappedModified = Files.getLastModifiedTime(cappedCache).toMillis();
        Run cappedAgain = capped.run(SCAN);
        Run plainAgain = plain.run(SCAN);

        assertAllPassedJson(cappedFirst);
        assertThat(cappedFirst.stderr).contains("Picked up JAVA_TOOL_OPTIONS: -Xmx128m");
        assertAllPassedJson(cappedAgain);
        assertAllPassedJson(plainAgain);
        assertThat(cappedAgain.stderr + plainAgain.stderr).as("no note: each used its own cache")
                .doesNotContain("cis-sentinel:");
        assertThat(plain.caches()).containsExactlyInAnyOrder(plainCache, cappedCache);
        assertThat(Files.getLastModifiedTime(plainCache).toMillis()).isEqualTo(plainModified);
        assertThat(Files.getLastModifiedTime(cappedCache).toMillis()).isEqualTo(cappedModified);
        assertThat(Path.of(cappedCache + ".log")).as("the capped run mapped its cache").exists();
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void changedJar_getsANewCache_theOldOneIsRemoved(int feature, Emulator emulator) throws Exception {
        Launcher launcher = launcher(feature, emulator);
        launcher.run(SCAN);
        Path old = launcher.onlyCache();
        try (FileSystem zip = FileSystems.newFileSystem(launcher.jar)) {
            Files.writeString(zip.getPath("rebuilt.txt"), "another build");
        }

        Run changed = launcher.run(SCAN);

        assertAllPassedJson(changed);
        assertThat(launcher.onlyCache()).isNotEqualTo(old);
        assertThat(old).doesNotExist();
    }

    private static void assertAllPassedJson(Run run) throws IOException {
        assertThat(run.exit).as(run.stderr).isZero();
        JsonNode result = STRICT_JSON.readTree(run.stdout);
        assertThat(result.path("summary").path("PASSED").asInt()).as(run.stdout).isEqualTo(5);
    }

    private Launcher launcher(int feature, Emulator emulator) throws IOException {
        Optional<Path> home = jdk(feature);
        assumeTrue(home.isPresent(), () -> "no JDK " + feature + " here (JAVA_HOME of the tests, or /usr/lib/jvm)");
        Path jar = work.resolve("cis-sentinel.jar");
        Files.copy(JAR, jar);
        return new Launcher(home.get(), jar, work.resolve("cache"), emulator.endpoint(), feature >= 25 ? ".aot"
                : ".jsa", "");
    }

    /** The tests' own JDK when it is that feature release, else one under /usr/lib/jvm. */
    static Optional<Path> jdk(int feature) throws IOException {
        Path own = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() == feature) {
            return Optional.of(own);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> release(home).startsWith("JAVA_VERSION=\"" + feature + "."))
                    .sorted().findFirst();
        }
    }

    private static String release(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    record Run(int exit, String stdout, String stderr) {
    }

    private record Launcher(Path javaHome, Path jar, Path cacheHome, URI endpoint, String kind,
            String toolOptions) {

        /** The same launcher with JAVA_TOOL_OPTIONS set, as a user caps the heap. */
        Launcher withToolOptions(String options) {
            return new Launcher(javaHome, jar, cacheHome, endpoint, kind, options);
        }

        Run run(String... args) throws IOException, InterruptedException {
            return run("", args);
        }

        Run run(String stdin, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
            command.addAll(List.of(args));
            return start(command, stdin);
        }

        /** The same arguments as {@code java -jar}, for comparison. */
        Run plainJar(String stdin, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-jar",
                    jar.toString()));
            command.addAll(List.of(args));
            return start(command, stdin);
        }

        private Run start(List<String> command, String stdin) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", javaHome.toString());
            env.put("CIS_SENTINEL_JAR", jar.toString());
            env.put("XDG_CACHE_HOME", cacheHome.toString());
            env.put("AWS_ENDPOINT_URL", endpoint.toString());
            env.put("AWS_ACCESS_KEY_ID", "testing");
            env.put("AWS_SECRET_ACCESS_KEY", "testing");
            env.remove("AWS_PROFILE");
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("JDK_JAVA_OPTIONS");
            if (!toolOptions.isEmpty()) {
                env.put("JAVA_TOOL_OPTIONS", toolOptions);
            }
            Process process = builder.start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            var stderr = process.getErrorStream();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
            return new Run(process.exitValue(), out, err);
        }

        /** The one cache file of the launcher's directory, which must be of this JDK's kind. */
        Path onlyCache() throws IOException {
            List<Path> caches = caches();
            assertThat(caches).as("%s caches", kind).hasSize(1);
            return caches.get(0);
        }

        /** The cache files of this JDK's kind in the launcher's directory. */
        List<Path> caches() throws IOException {
            try (Stream<Path> files = Files.list(cacheHome.resolve("cis-sentinel/launcher"))) {
                return files.filter(file -> file.toString().endsWith(kind)).toList();
            }
        }
    }
}
