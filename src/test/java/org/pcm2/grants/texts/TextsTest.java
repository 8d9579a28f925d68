package org.pcm2.grants.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every user-facing text exists in Vietnamese and in English, and reads as both. */
class TextsTest {

  /**
   * A key written in the code: a string literal such as {@code "proposal.titleLength"}, passed
   * to {@code Texts.both}, {@code Texts.text} or to a method that does.
   */
  private static final Pattern KEY_IN_CODE = Pattern.compile("\"((?:check|system|access|funding|proposal|award"
      + "|reporting|notification|directory|audit|tasklist|people|account)(?:\\.[A-Za-z0-9]+)+)\"");

  @Test
  void everyKeyHasItsVietnameseAndItsEnglish() throws IOException {
    Properties vietnamese = load("texts/texts.properties");
    Properties english = load("texts/texts_en.properties");
    assertThat(vietnamese).isNotEmpty();
    assertThat(english.keySet()).containsExactlyInAnyOrderElementsOf(vietnamese.keySet());
    for (Object key : vietnamese.keySet()) {
      assertThat(vietnamese.getProperty((String) key)).as("vi %s", key).isNotBlank()
          .isNotEqualTo(english.getProperty((String) key));
      assertThat(english.getProperty((String) key)).as("en %s", key).isNotBlank();
    }
  }

  @Test
  void everyKeyTheCodeNamesIsInBothLanguagesAndEveryPatternParses() throws IOException {
    Properties vietnamese = load("texts/texts.properties");
    Properties english = load("texts/texts_en.properties");
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher keys = KEY_IN_CODE.matcher(Files.readString(file));
        while (keys.find()) {
          used.add(keys.group(1));
        }
      }
    }
    assertThat(used).as("keys named in src/main/java").hasSizeGreaterThan(20);
    assertThat(vietnamese.stringPropertyNames()).as("Vietnamese keys").containsAll(used);
    assertThat(english.stringPropertyNames()).as("English keys").containsAll(used);
    for (String key : vietnamese.stringPropertyNames()) {
      for (Properties language : List.of(vietnamese, english)) {
        String pattern = language.getProperty(key);
        // a lone quote makes MessageFormat drop it and read the rest as literal: write '' for '
        assertThat(pattern.replace("''", "")).as("lone quote in %s", key).doesNotContain("'");
        assertThat(new MessageFormat(pattern).toPattern()).as("%s", key).isNotNull();
      }
    }
  }

  /**
   * The Vietnamese, read first, says at least as much as the English: it shows as many of the
   * arguments (a value the English names is never missing from the Vietnamese).
   */
  @Test
  void theVietnameseShowsEveryValueTheEnglishShows() throws IOException {
    Properties vietnamese = load("texts/texts.properties");
    Properties english = load("texts/texts_en.properties");
    Pattern argument = Pattern.compile("\\{(\\d+)");
    for (String key : vietnamese.stringPropertyNames()) {
      assertThat(arguments(argument, vietnamese.getProperty(key)).size()).as("arguments of %s", key)
          .isGreaterThanOrEqualTo(arguments(argument, english.getProperty(key)).size());
    }
  }

  private static Set<String> arguments(Pattern argument, String pattern) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = argument.matcher(pattern);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  @Test
  void aTextReadsVietnameseFirstThenEnglishWithItsNumbersAsWritten() {
    assertThat(Texts.both("check.required")).isEqualTo("bắt buộc / required");
    assertThat(Texts.both("check.longer", 4000)).isEqualTo("dài quá 4000 ký tự / longer than 4000 characters");
    assertThat(Texts.both("funding.tranche", 2)).isEqualTo("Giải ngân đợt 2 / tranche 2");
    assertThat(Texts.both("funding.cycleCode")).isEqualTo("chữ, số, '-'; tối đa 40 / letters, digits, '-', at most 40");
  }

  @Test
  void aTextGivenAsAnArgumentIsWrittenInTheLanguageAroundIt() {
    assertThat(Texts.both("funding.noRecordedDecision", Texts.text("funding.approval"), "CBG-1"))
        .isEqualTo("Chưa có quyết định duyệt được ghi nhận cho CBG-1 / no recorded approval for CBG-1");
    assertThat(Texts.bracketed("funding.cancelled")).isEqualTo("Hủy (cancelled)");
    assertThat("CM, INITIATIVE " + Texts.slashed("system.or") + " REWARD").isEqualTo("CM, INITIATIVE hoặc/or REWARD");
    assertThat(Texts.bracketed("tasklist.filter.myGroups")).isEqualTo("Việc chờ nhóm của tôi (My groups' tasks)");
  }

  @Test
  void everyKeyMadeFromANameIsThere() {
    // keys the code builds from a name, which the literal scan cannot see
    for (String column : List.of("subprojectCode", "title", "unitName", "communeName", "requestedGrant",
        "approvedGrant")) {
      assertThat(Texts.bracketed("tasklist.column." + column)).as(column).contains(" (");
    }
    for (String dimension : List.of("province", "district", "commune", "fund", "cycle")) {
      assertThat(Texts.both("reporting.dimension." + dimension)).as(dimension).contains(" / ");
    }
    assertThat(Texts.both("reporting.dimension.commune")).isEqualTo("Xã / Commune");
    // the account pages: each rule of Camunda's password policy, each reason a link does not
    // work (every state but VALID), each field of the forms
    for (String rule : List.of("LENGTH", "LOWERCASE", "UPPERCASE", "DIGIT", "SPECIAL")) {
      assertThat(Texts.both("account.policy.PASSWORD_POLICY_" + rule, 10)).as(rule).startsWith("ít nhất 10 ")
          .contains(" / at least 10 ");
    }
    assertThat(Texts.both("account.policy.PASSWORD_POLICY_USER_DATA")).contains(" / ");
    for (String state : List.of("UNKNOWN", "EXPIRED", "USED", "REPLACED", "INACTIVE")) {
      assertThat(Texts.both("account.link." + state)).as(state).contains(" / ");
    }
    for (String field : List.of("password", "repeat", "who")) {
      assertThat(Texts.both("account.field." + field)).as(field).contains(" / ");
    }
  }

  private static Properties load(String resource) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = TextsTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
