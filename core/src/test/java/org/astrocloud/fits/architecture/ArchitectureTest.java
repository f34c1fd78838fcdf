package org.astrocloud.fits.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of core holds (README, "Architecture"): no package cycle; the user API at the
 * root depends on everything below it and nothing depends back on it; errors, the SPI and its
 * support depend on no implementation package (but for the error package's one bridge); the
 * implementation packages never reach up to the API.
 */
class ArchitectureTest {
    private static final String ROOT = "org.astrocloud.fits";
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesShouldBeFreeOfCycles() {
        slices().matching("org.astrocloud.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void nothingBelowTheApiShouldDependOnIt() {
        noClasses().that().resideOutsideOfPackages(ROOT, ROOT + ".micrometer", ROOT + ".data", ROOT + ".tess")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(core);
    }

    @Test
    void implementationPackagesShouldNotReachTheApiOrTheSource() {
        noClasses().that().resideInAPackage(ROOT + ".internal..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".source", ROOT + ".micrometer")
                .check(core);
    }

    @Test
    void errorsAndTheSpiShouldUseNoImplementationButTheFormatErrorBridge() {
        noClasses().that().resideInAnyPackage(ROOT + ".error", ROOT + ".spi..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".internal.walk", ROOT + ".internal.cards",
                        ROOT + ".internal.gzip")
                .check(core);
        noClasses().that().resideInAnyPackage(ROOT + ".spi..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".internal")
                .check(core);
    }

    @Test
    void onlyTheMicrometerPackageShouldNameMicrometer() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".micrometer")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(core);
    }
}
