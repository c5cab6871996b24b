package org.openprimary.common;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.openprimary.testing.ArchitectureRules;

/** The architecture's rules on this module's classes (see {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "org.openprimary.common", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule clock = ArchitectureRules.NO_CLOCK_READ_OUTSIDE_CLOCK;

    @ArchTest
    static final ArchRule fields = ArchitectureRules.NO_PUBLIC_MUTABLE_FIELDS;

    @ArchTest
    static final ArchRule jsonp = ArchitectureRules.NO_JSONP_LOOKUP_PER_CALL;
}
