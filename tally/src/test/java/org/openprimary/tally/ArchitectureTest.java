package org.openprimary.tally;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tally's own layering: the engine is plain Java, the platform stays in the boundary. */
class ArchitectureTest {

    private static JavaClasses imported;

    @BeforeAll
    static void importClasses() {
        imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openprimary.tally");
    }

    @Test
    void theEngineImportsNoPlatform() {
        noClasses().that().resideInAnyPackage("..tally.control..", "..tally.entity..", "..tally.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..")
                .because("the tally and its command run anywhere, without the platform")
                .check(imported);
    }

    @Test
    void entitiesDependOnNothingElseOfTheModule() {
        noClasses().that().resideInAPackage("..tally.entity..")
                .should().dependOnClassesThat().resideInAnyPackage("..tally.control..", "..tally.boundary..",
                        "..tally.cli..", "com.fasterxml..")
                .check(imported);
    }

    @Test
    void theEngineDoesNotKnowItsCallers() {
        noClasses().that().resideInAnyPackage("..tally.control..", "..tally.entity..")
                .should().dependOnClassesThat().resideInAnyPackage("..tally.boundary..", "..tally.cli..")
                .check(imported);
        noClasses().that().resideInAPackage("..tally.cli..")
                .should().dependOnClassesThat().resideInAPackage("..tally.boundary..")
                .because("the command runs without the container")
                .check(imported);
    }

    @Test
    void noOtherModuleIsUsed() {
        noClasses().that().resideInAPackage("org.openprimary.tally..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.openprimary..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("org.openprimary.tally..")))
                .because("tally depends on no other module, so its command runs anywhere")
                .check(imported);
    }

    /**
     * No floating point in the classes that decide: no float or double field, parameter or return
     * value, no call that takes or returns one (Math.round(double), BigDecimal.doubleValue(), ...).
     * (Bytecode arithmetic on locals is beyond ArchUnit; those would need one of the above to get a
     * double in the first place.)
     */
    @Test
    void decisionsUseNoFloatingPoint() {
        classes().that().haveSimpleName("MajorityJudgment").or().haveSimpleName("Tally")
                .or().haveSimpleName("BallotCounter").or().resideInAPackage("..tally.entity..")
                .or().haveSimpleName("BoxChain").or().haveSimpleName("RecordVerifier").or().haveSimpleName("ReceiptLog")
                .should(useNoFloatingPoint())
                .because("no floating point in any decision")
                .check(imported);
    }

    private static final Set<String> FLOATING = Set.of("double", "float", "java.lang.Double", "java.lang.Float");

    private static ArchCondition<JavaClass> useNoFloatingPoint() {
        return new ArchCondition<>("use no floating point") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                type.getFields().stream().filter(field -> FLOATING.contains(field.getRawType().getName()))
                        .forEach(field -> events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is floating")));
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    if (FLOATING.contains(unit.getRawReturnType().getName())
                            || unit.getRawParameterTypes().stream().anyMatch(p -> FLOATING.contains(p.getName()))) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes or returns floating point"));
                    }
                    unit.getCallsFromSelf().stream()
                            .filter(call -> FLOATING.contains(call.getTargetOwner().getName())
                                    || FLOATING.contains(call.getTarget().getRawReturnType().getName())
                                    || call.getTarget().getRawParameterTypes().stream()
                                            .anyMatch(p -> FLOATING.contains(p.getName())))
                            .forEach(call -> events.add(SimpleConditionEvent.violated(call, call.getDescription())));
                    unit.getFieldAccesses().stream()
                            .filter(access -> access.getTarget().resolveMember()
                                    .map(field -> FLOATING.contains(field.getRawType().getName())).orElse(false))
                            .forEach(access -> events.add(SimpleConditionEvent.violated(access, access.getDescription())));
                }
            }
        };
    }
}
