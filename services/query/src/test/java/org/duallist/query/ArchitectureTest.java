package org.duallist.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.duallist.platform.messaging.EventProjection;
import org.duallist.testing.ArchitectureRules;

@AnalyzeClasses(packages = "org.duallist.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule projectionsAreNamedSo = classes()
            .that().implement(EventProjection.class)
            .should().haveSimpleNameEndingWith("Projection")
            .andShould().resideInAPackage("..messaging..");

    @ArchTest
    static final ArchTests serviceRules = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule theReadModelDoesNotKnowTheWeb = noClasses()
            .that().resideInAPackage("..query.query..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.duallist.query.rest..");
}
