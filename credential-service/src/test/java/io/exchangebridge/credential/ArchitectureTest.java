package io.exchangebridge.credential;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.exchangebridge.foundation.problem.ProblemException;

/**
 * The shape of credential-service's code, checked on its compiled main classes (tests excluded): <ol> <li>The feature
 * packages directly under {@code io.exchangebridge.credential} ({@code token}, {@code credential}, {@code consent},
 * {@code status}, {@code ui}, ...) are free of cycles: each slice {@code credential.(*)..} may depend on another only
 * if that one does not depend back on it, directly or through others.</li> <li>Domain code speaks in typed failures,
 * not HTTP: no class outside the REST edge depends on JAX-RS {@link Response} (with its nested {@code Status},
 * {@code StatusType} and {@code ResponseBuilder}), {@link WebApplicationException} or the foundation's
 * {@link ProblemException}. The edge is every class (with its nested classes) whose top-level class is named
 * {@code *Resource} (REST endpoints), {@code *Pages} (admin UI endpoints) or {@code *Problems} (the one
 * {@code @ServerExceptionMapper} class per feature that turns its sealed failures into problem+json), and the admin UI
 * package {@code ui}.</li> </ol>
 */
class ArchitectureTest {

    private static final String BASE = "io.exchangebridge.credential";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    private static final DescribedPredicate<JavaClass> DOMAIN = DescribedPredicate.describe(
            "are domain classes (not *Resource, *Pages, *Problems or in package ui)",
            c -> !isEdge(topLevel(c)));

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void domainClassesDoNotAnswerInHttp() {
        noClasses().that(DOMAIN).should().dependOnClassesThat(
                belongToAnyOf(Response.class, WebApplicationException.class, ProblemException.class))
                .check(MAIN);
    }

    private static boolean isEdge(JavaClass c) {
        String name = c.getSimpleName();
        return c.getPackageName().equals(BASE + ".ui") || c.getPackageName().startsWith(BASE + ".ui.")
                || name.endsWith("Resource") || name.endsWith("Pages") || name.endsWith("Problems");
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
