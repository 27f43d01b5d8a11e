package org.duallist.progress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.duallist.progress", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commandSideKnowsNoRestQuarkusOrPersistence = noClasses()
            .that().resideInAPackage("..command..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta.ws.rs..", "io.quarkus..", "jakarta.persistence..", "org.hibernate..",
                    "jakarta.enterprise..", "jakarta.inject..", "org.eclipse.microprofile..", "org.apache.kafka..",
                    "org.duallist.platform.rest..", "org.duallist.platform.messaging..", "org.duallist.platform.axon..");

    @ArchTest
    static final ArchRule eventsComeOnlyFromContracts = noClasses()
            .should().haveSimpleNameEndingWith("Event")
            .because("event records are defined in contracts/ and nowhere else");

    @ArchTest
    static final ArchRule commandsAreNamedVerbNounCommand = classes()
            .that().resideInAPackage("..command..").and().haveSimpleNameEndingWith("Command")
            .should().beRecords();

    @ArchTest
    static final ArchRule restClassesAreResourcesOrRequests = classes()
            .that().resideInAPackage("..rest..").and().areAnnotatedWith(jakarta.ws.rs.Path.class)
            .should().haveSimpleNameEndingWith("Resource");
}
