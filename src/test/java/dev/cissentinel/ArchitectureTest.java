package dev.cissentinel;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.cissentinel.controls.Link;
import dev.cissentinel.snapshot.FailureCause;
import dev.cissentinel.snapshot.ReadFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package rules on the compiled main classes ({@code docs/architecture.md}): what the Lambda artifact may reach,
 * and which packages stay pure (no AWS client, network, files, processes, environment or wall clock).
 */
class ArchitectureTest {

    /** Everything the deployed function runs: cis-sentinel-lambda.jar holds these packages and no others. */
    private static final String[] FUNCTION = {"dev.cissentinel.lambda..", "dev.cissentinel.scan..",
        "dev.cissentinel.controls..", "dev.cissentinel.pattern..", "dev.cissentinel.snapshot..",
        "dev.cissentinel.findings..", "dev.cissentinel.publish..", "dev.cissentinel.remediate..",
        "dev.cissentinel.confirm..", "dev.cissentinel.aws.."};

    /** Pure: functions from values to values. */
    private static final String[] PURE = {"dev.cissentinel.pattern..", "dev.cissentinel.controls..",
        "dev.cissentinel.findings.."};

    private static final Set<String> IO_TYPES = Set.of("java.io.File", "java.io.FileInputStream",
            "java.io.FileOutputStream", "java.io.FileReader", "java.io.FileWriter", "java.io.RandomAccessFile",
            "java.lang.ProcessBuilder", "java.lang.Runtime", "dev.cissentinel.aws.AwsClients");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cissentinel");
    }

    @Test
    void function_neverReachesTheCliOrTheEmulatorLaunchers() {
        noClasses().that().resideInAnyPackage(FUNCTION)
                .should().dependOnClassesThat().resideInAnyPackage("dev.cissentinel.cli..",
                        "dev.cissentinel.emulator..", "picocli..")
                .because("cis-sentinel-lambda.jar leaves them out: a function with account-wide read rights "
                        + "carries no process spawning, tool installing or command-line code")
                .check(classes);
    }

    @Test
    void purePackagesAndThePlanner_useNoClientNetworkFilesOrProcesses() {
        impure(noClasses().that().resideInAnyPackage(PURE).or().haveFullyQualifiedName(
                "dev.cissentinel.remediate.RemediationPlanner")).check(classes);
    }

    @Test
    void purePackagesAndThePlanner_readNoEnvironmentOrWallClock() {
        noClasses().that().resideInAnyPackage(PURE).or().haveFullyQualifiedName(
                "dev.cissentinel.remediate.RemediationPlanner")
                .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv",
                        String.class)
                .orShould().callMethod(System.class, "currentTimeMillis").orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC").orShould().callMethod(Clock.class,
                        "systemDefaultZone")
                .because("verdicts, findings and plans are computed from their inputs only; time is passed in")
                .check(classes);
    }

    @Test
    void decidingCode_neverReadsAFailureOrEvidenceByItsDisplayText() {
        noClasses().that().resideInAnyPackage("dev.cissentinel.controls..", "dev.cissentinel.remediate..",
                "dev.cissentinel.confirm..")
                .should().callMethod(ReadFailure.class, "errorCode").orShould().callMethod(ReadFailure.class,
                        "message")
                .orShould().callMethodWhere(describe("FailureCause.code()", call -> call.getTarget().getName()
                        .equals("code") && call.getTargetOwner().isAssignableTo(FailureCause.class)))
                .orShould().callMethod(Link.class, "attributes")
                .because("verdicts and plans switch on FailureCause.kind() and read typed Evidence; the codes and "
                        + "attributes are display text, rendered for people and the JSON output")
                .check(classes);
    }

    private static ArchRule impure(
            com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction given) {
        return given.should().dependOnClassesThat(describe("AWS clients, HTTP, network, files or processes",
                        ArchitectureTest::isIo))
                .because("the pure core takes a snapshot and returns values; AWS I/O lives in snapshot, publish "
                        + "and the remediation executor");
    }

    private static boolean isIo(JavaClass type) {
        // By name: dependencies are not resolved from the classpath (archunit.properties), so a client interface's
        // supertypes are unknown here; every SDK service client is software.amazon.awssdk.services.<svc>.<Name>Client.
        return type.getName().matches("software\\.amazon\\.awssdk\\.services\\.[a-z0-9]+\\.[A-Za-z0-9]+Client")
                || type.getName().equals("software.amazon.awssdk.core.SdkClient") || IO_TYPES.contains(type.getName())
                || type.getPackageName().startsWith("software.amazon.awssdk.http")
                || type.getPackageName().startsWith("java.net") || type.getPackageName().startsWith("java.nio.file");
    }
}
