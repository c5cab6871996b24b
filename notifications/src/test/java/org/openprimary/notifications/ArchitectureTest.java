package org.openprimary.notifications;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.openprimary.testing.ArchitectureRules;

/** The architecture's rules on this module's classes (see {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "org.openprimary.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule clock = ArchitectureRules.NO_CLOCK_READ_OUTSIDE_CLOCK;

    @ArchTest
    static final ArchRule boundaries = ArchitectureRules.BOUNDARIES_RETURN_NO_ENTITIES;

    @ArchTest
    static final ArchRule fields = ArchitectureRules.NO_PUBLIC_MUTABLE_FIELDS;

    /** Notifications knows recipients and messages, never registrants, elections or ballots. */
    @ArchTest
    static final ArchRule noOtherDomainModule = ArchRuleDefinition.noClasses()
            .that().resideInAPackage("org.openprimary.notifications..")
            .should().dependOnClassesThat().resideInAnyPackage("org.openprimary.registration..",
                    "org.openprimary.voting..", "org.openprimary.tally..", "org.openprimary.web..",
                    "org.openprimary.admin..");

    @ArchTest
    static final ArchRule jsonp = ArchitectureRules.NO_JSONP_LOOKUP_PER_CALL;
}
