package org.duallist.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules every service keeps; a service's ArchitectureTest includes them with
 * {@code @ArchTest static final ArchTests rules = ArchTests.in(ArchitectureRules.class);}.
 */
public final class ArchitectureRules {

    @ArchTest
    public static final ArchRule commandSideKnowsNoRestQuarkusOrPersistence = noClasses()
            .that().resideInAPackage("..command..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta.ws.rs..", "io.quarkus..", "jakarta.persistence..", "org.hibernate..",
                    "jakarta.enterprise..", "jakarta.inject..", "org.eclipse.microprofile..", "org.apache.kafka..",
                    "org.duallist.platform.rest..", "org.duallist.platform.messaging..", "org.duallist.platform.axon..")
            .allowEmptyShould(true); // a read-only service has no command side

    @ArchTest
    public static final ArchRule eventsComeOnlyFromContracts = noClasses()
            .should().haveSimpleNameEndingWith("Event")
            .because("event records are defined in contracts/ and nowhere else");

    @ArchTest
    public static final ArchRule commandsAreRecords = classes()
            .that().resideInAPackage("..command..").and().haveSimpleNameEndingWith("Command")
            .should().beRecords()
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule restClassesAreResources = classes()
            .that().areAnnotatedWith("jakarta.ws.rs.Path")
            .should().haveSimpleNameEndingWith("Resource")
            .andShould().resideInAPackage("..rest..");

    private ArchitectureRules() {
    }
}
