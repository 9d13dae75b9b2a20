package dev.cissentinel.testing;

import dev.cissentinel.aws.CallRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;

/**
 * Records the IAM action of every AWS call that <em>production</em> code makes during the integration tests, for
 * {@code dev.cissentinel.deploy.LeastPrivilegeCheck} to compare with the role in {@code template.yaml}.
 *
 * <p>Registered as an SDK global interceptor ({@code src/test/resources/software/amazon/awssdk/global/handlers/
 * execution.interceptors}), so every client in the test JVM carries it, whoever built it. A call counts as
 * production's when the nearest {@code dev.cissentinel} frame on the calling stack belongs to a class loaded from
 * the main classes directory (the one {@link CallRecorder} comes from); calls a test or fixture makes to seed the
 * emulator are left out. Lines are {@code <action> TAB <top-level calling class>}, each written once per JVM, to
 * {@code <directory>/<pid>.txt}, the directory given by the system property {@value #DIRECTORY_PROPERTY} (Failsafe
 * sets it; without it, e.g. in Surefire or an IDE, nothing is recorded).
 *
 * <p>Some requests need a second permission that no SDK operation shows: creating an alarm or a topic with tags
 * also needs {@code cloudwatch:TagResource} / {@code sns:TagResource} (API references of PutMetricAlarm and
 * CreateTopic, parameter Tags). Those are recorded too, from the request.
 */
public final class ProductionCallRecorder implements ExecutionInterceptor {

    public static final String DIRECTORY_PROPERTY = "cis-sentinel.aws-actions";

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String PACKAGE = "dev.cissentinel.";
    private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String directory = System.getProperty(DIRECTORY_PROPERTY, "");
        if (directory.isBlank()) {
            return;
        }
        Optional<Class<?>> caller = STACK.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> type.getName().startsWith(PACKAGE) && type != ProductionCallRecorder.class)
                .findFirst());
        if (caller.isEmpty() || !isMainClass(caller.get())) {
            return;
        }
        String callerName = topLevel(caller.get()).getName();
        for (String action : actions(context.request(), attributes)) {
            String line = action + "\t" + callerName;
            if (WRITTEN.add(line)) {
                append(Path.of(directory), line);
            }
        }
    }

    static List<String> actions(SdkRequest request, ExecutionAttributes attributes) {
        List<String> actions = new ArrayList<>();
        actions.add(CallRecorder.action(attributes));
        if (request instanceof PutMetricAlarmRequest && !((PutMetricAlarmRequest) request).tags().isEmpty()) {
            actions.add("cloudwatch:TagResource");
        }
        if (request instanceof CreateTopicRequest && !((CreateTopicRequest) request).tags().isEmpty()) {
            actions.add("sns:TagResource");
        }
        return actions;
    }

    private static boolean isMainClass(Class<?> type) {
        return Objects.equals(location(type), location(CallRecorder.class));
    }

    private static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    private static Class<?> topLevel(Class<?> type) {
        Class<?> outer = type;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        return outer;
    }

    private static synchronized void append(Path directory, String line) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(ProcessHandle.current().pid() + ".txt"), line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record an AWS call in " + directory, e);
        }
    }
}
