package io.exchangebridge.importer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.importer.rest.FailureProblemMapper;

/**
 * The rules that keep import-service's packages easy to hold in one's head, checked on the production classes. Feature
 * packages ({@code io.exchangebridge.importer.*}: {@code config}, {@code graph}, {@code mail}, {@code mailbox},
 * {@code message}, {@code rest}, {@code run}, {@code webhook}) depend on each other without cycles. HTTP is the
 * language of the REST edge only: no class except the {@code *Resource} classes and the edge mapper
 * {@link FailureProblemMapper} depends on JAX-RS {@link Response}, {@link Response.Status} or
 * {@link Response.ResponseBuilder}, or on the foundation's {@link ProblemException}; domain code throws its feature's
 * sealed failure types (such as {@code MailboxFailure}) and the edge maps them to problem+json.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.exchangebridge.importer");

    @Test
    void featurePackagesAreFreeOfCycles() {
        ArchRule rule = slices().matching("io.exchangebridge.importer.(*)..").should().beFreeOfCycles();
        rule.check(CLASSES);
    }

    @Test
    void onlyTheRestEdgeSpeaksHttp() {
        ArchRule rule = noClasses().that().resideInAPackage("io.exchangebridge.importer..")
                .and().haveSimpleNameNotEndingWith("Resource").and().doNotBelongToAnyOf(FailureProblemMapper.class)
                .should().dependOnClassesThat()
                .belongToAnyOf(Response.class, Response.Status.class, Response.ResponseBuilder.class,
                        ProblemException.class)
                .because("domain code throws typed failures; only resources and the edge mapper choose HTTP statuses");
        rule.check(CLASSES);
    }

    /** The rules above must see the service's classes, or they would pass on nothing. */
    @Test
    void rulesSeeTheServiceClasses() {
        assertThat(CLASSES.contain(FailureProblemMapper.class)).isTrue();
        assertThat(CLASSES.stream().map(c -> c.getPackageName()).distinct())
                .contains("io.exchangebridge.importer.mailbox", "io.exchangebridge.importer.run",
                        "io.exchangebridge.importer.mail", "io.exchangebridge.importer.graph",
                        "io.exchangebridge.importer.folder");
    }
}
