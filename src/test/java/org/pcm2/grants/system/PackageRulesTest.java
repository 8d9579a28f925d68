package org.pcm2.grants.system;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layout a newcomer relies on, checked on every build: the feature packages form no
 * cycle, so each can be read (and changed) starting from what it uses; and the grant
 * cycle's vocabulary ({@code grantcycle}: ids, variables, stages) imports no other package
 * of the project, so every feature may use it without pulling in another feature.
 */
class PackageRulesTest {

  private static final JavaClasses PROJECT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.pcm2.grants");

  @Test
  void featurePackagesFormNoCycle() {
    slices().matching("org.pcm2.grants.(*)..").should().beFreeOfCycles().check(PROJECT);
  }

  /** The shared vocabularies every package may import: each imports no other package of the project. */
  @ParameterizedTest
  @ValueSource(strings = {"grantcycle", "texts"})
  void aSharedVocabularyImportsNoOtherPackageOfTheProject(String vocabulary) {
    String own = "org.pcm2.grants." + vocabulary + "..";
    noClasses().that().resideInAPackage(own)
        .should().dependOnClassesThat(resideInAPackage("org.pcm2.grants..").and(not(resideInAPackage(own))))
        .check(PROJECT);
  }
}
