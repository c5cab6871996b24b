package org.openprimary.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture's rules, checked by each module's {@code ArchitectureTest} on its own classes
 * (Maven's module dependencies already keep the arrows between modules pointing one way).
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Domain code asks the injected {@code Clock} the time, so tests can fix it. */
    public static final ArchRule NO_CLOCK_READ_OUTSIDE_CLOCK = noClasses()
            .that().resideInAPackage("org.openprimary..")
            .and().doNotHaveSimpleName("ClockProducer")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.LocalDateTime.class, "now")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.time.OffsetDateTime.class, "now")
            .orShould().callMethod(java.time.ZonedDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("domain code reads the time from the injected java.time.Clock");

    /** The web modules call a domain module only through its boundary. */
    public static final ArchRule WEB_USES_ONLY_BOUNDARIES = noClasses()
            .that().resideInAnyPackage("org.openprimary.web..", "org.openprimary.admin..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.openprimary.voting.control..", "org.openprimary.voting.entity..",
                    "org.openprimary.registration.control..", "org.openprimary.registration.entity..",
                    "org.openprimary.notifications.control..", "org.openprimary.notifications.entity..",
                    "org.openprimary.tally.control..", "org.openprimary.tally.entity..")
            .because("other modules call a module only through its boundary");

    /** Entities stay inside their module: a boundary's public methods never hand one out. */
    public static final ArchRule BOUNDARIES_RETURN_NO_ENTITIES = methods()
            .that().areDeclaredInClassesThat().resideInAPackage("..boundary..")
            .and().arePublic()
            .should().haveRawReturnType(new DescribedPredicate<JavaClass>("not a JPA entity") {
                @Override
                public boolean test(JavaClass type) {
                    return !type.isAnnotatedWith("jakarta.persistence.Entity");
                }
            })
            .because("entities never leave their module; the boundary returns views");

    /** The modules that other modules may call are not reached around: no public fields either. */
    public static final ArchRule NO_JSONP_LOOKUP_PER_CALL = noClasses()
            .that().resideInAPackage("org.openprimary..")
            .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.json.Json")
            .because("jakarta.json.Json looks its provider up on every call, which on Payara Server scans the class"
                    + " path: use org.openprimary.common.json.Jsonp.PROVIDER");

    public static final ArchRule NO_PUBLIC_MUTABLE_FIELDS = noClasses()
            .that().resideInAPackage("org.openprimary..")
            .should(new com.tngtech.archunit.lang.ArchCondition<JavaClass>("have public non-final fields") {
                @Override
                public void check(JavaClass type, com.tngtech.archunit.lang.ConditionEvents events) {
                    type.getFields().stream()
                            .filter(field -> field.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                                    && !field.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.FINAL))
                            .forEach(field -> events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                    field, field.getFullName() + " is public and not final")));
                }
            });
}
