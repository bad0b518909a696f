package io.exchangebridge.smtp.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.smtp.rest.RelayFailureMapper;

/**
 * The relay's package rules, checked on its main classes: <ul> <li>the feature packages
 * ({@code io.exchangebridge.smtp.<feature>}: submit, outbox, delivery, route, listener, ...) are free of cycles: a
 * feature depends on the ones below it, never back;</li> <li>only the REST edge speaks HTTP: no class but the
 * {@code *Resource}s, the {@code *RestClient}/{@code *Client} pair of an HTTP API the relay calls and the edge mapper
 * {@link RelayFailureMapper} depends on JAX-RS {@link Response} (or its {@code Status}); and no class but the
 * {@code *Resource}s and that mapper throws a {@link ProblemException}. The domain throws its own typed failures
 * ({@code SubmissionRefused}, {@code DuplicateRoute}, ...), which the edges map to problem statuses and SMTP
 * replies.</li> </ul> Each rule is also run once against a small fixture that breaks it, so that a rule that can no
 * longer fail is noticed.
 */
class ArchitectureTest {

    private static final String EDGE_MAPPER = RelayFailureMapper.class.getSimpleName();

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.exchangebridge.smtp");

    private static final JavaClasses FIXTURE = new ClassFileImporter()
            .importPackages("io.exchangebridge.smtp.architecture.fixture");

    @Test
    void featurePackagesAreFreeOfCycles() {
        featuresFreeOfCycles("io.exchangebridge.smtp").check(MAIN);
    }

    @Test
    void onlyTheRestEdgeDependsOnJaxRsResponses() {
        noResponsesOutsideTheEdge().check(MAIN);
    }

    @Test
    void onlyResourcesAndTheEdgeMapperThrowProblems() {
        noProblemsOutsideTheEdge().check(MAIN);
    }

    @Test
    void theRulesFindViolations() {
        assertTrue(featuresFreeOfCycles("io.exchangebridge.smtp.architecture.fixture").evaluate(FIXTURE)
                .hasViolation(), "fixture.left <-> fixture.right is a cycle");
        assertTrue(noResponsesOutsideTheEdge().evaluate(FIXTURE).hasViolation(), "fixture.left.Left uses Response");
        assertTrue(noProblemsOutsideTheEdge().evaluate(FIXTURE).hasViolation(),
                "fixture.right.Right throws a ProblemException");
    }

    static ArchRule featuresFreeOfCycles(String base) {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule noResponsesOutsideTheEdge() {
        return noClasses().that(not(topLevelNamed("a *Resource, *Client or the edge mapper",
                n -> n.endsWith("Resource") || n.endsWith("Client") || n.equals(EDGE_MAPPER))))
                .should().dependOnClassesThat().belongToAnyOf(Response.class);
    }

    static ArchRule noProblemsOutsideTheEdge() {
        return noClasses().that(not(topLevelNamed("a *Resource or the edge mapper",
                n -> n.endsWith("Resource") || n.equals(EDGE_MAPPER))))
                .should().dependOnClassesThat().areAssignableTo(ProblemException.class);
    }

    /** Classes whose top-level class (the class itself, or the one it is nested in) has a name that matches. */
    private static DescribedPredicate<JavaClass> topLevelNamed(String description,
            Predicate<String> name) {
        return DescribedPredicate.describe(description, c -> {
            JavaClass top = c;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return name.test(top.getSimpleName());
        });
    }
}
