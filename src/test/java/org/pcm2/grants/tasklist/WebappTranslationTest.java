package org.pcm2.grants.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The project's Vietnamese translations of the Tasklist, the welcome page (where everyone
 * signs in), Admin and Cockpit ({@code app/<name>/locales/vi.json}) against the English files the
 * Camunda webjar ships: every key translated, every placeholder kept, written in
 * Vietnamese; each application's configuration makes Vietnamese the default.
 */
class WebappTranslationTest {

  private static final String APPS = "META-INF/resources/webjars/camunda/app/";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
  private static final Pattern VIETNAMESE = Pattern.compile("[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]",
      Pattern.CASE_INSENSITIVE);
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "admin", "cockpit"})
  void everyKeyOfTheEnglishFileIsTranslatedWithItsPlaceholders(String app) throws IOException {
    JsonNode english = read(APPS + app + "/locales/en.json").get("labels");
    JsonNode vietnamese = read(APPS + app + "/locales/vi.json").get("labels");

    assertThat(names(vietnamese)).isEqualTo(names(english));
    List<String> untranslated = new ArrayList<>();
    english.fieldNames().forEachRemaining(key -> {
      String en = english.get(key).asText();
      String vi = vietnamese.get(key).asText();
      assertThat(placeholders(vi)).as("placeholders of %s", key).isEqualTo(placeholders(en));
      // an English plural ending ("s", keys ending _S) has no Vietnamese counterpart: left empty
      boolean pluralEnding = key.endsWith("_S") && en.equals("s");
      if (!en.isBlank() && vi.isBlank() && !pluralEnding) {
        untranslated.add(key);
      }
    });
    assertThat(untranslated).as("keys left empty").isEmpty();
    long inVietnamese = names(vietnamese).stream()
        .filter(key -> VIETNAMESE.matcher(vietnamese.get(key).asText()).find()).count();
    // all but symbols, product names and the like (<, >=, Cockpit, PCM2) are written in Vietnamese
    assertThat(inVietnamese).isGreaterThan(english.size() * 9L / 10);
    assertThat(vietnamese.get("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("Đăng nhập");
  }

  @Test
  void theTasklistsOwnWords() throws IOException {
    JsonNode vietnamese = read(APPS + "tasklist/locales/vi.json").get("labels");
    assertThat(vietnamese.get("COMPLETE").asText()).isEqualTo("Hoàn thành");
    assertThat(vietnamese.get("CLAIM_TASK").asText()).isEqualTo("Nhận việc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "admin", "cockpit"})
  void datesAreDayMonthYearInVietnamese(String app) throws IOException {
    JsonNode english = read(APPS + app + "/locales/en.json").get("dateLocales");
    JsonNode vietnamese = read(APPS + app + "/locales/vi.json").get("dateLocales");
    assertThat(names(vietnamese)).isEqualTo(names(english));
    assertThat(vietnamese.at("/longDateFormat/L").asText()).isEqualTo("DD/MM/YYYY");
    assertThat(vietnamese.at("/weekdays/1").asText()).isEqualTo("thứ hai");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "admin", "cockpit"})
  void vietnameseIsTheDefaultAndEnglishTheAlternative(String app) throws IOException {
    String config = new String(new ClassPathResource(APPS + app + "/scripts/config.js").getInputStream()
        .readAllBytes(), StandardCharsets.UTF_8);
    assertThat(config).contains("availableLocales: ['vi', 'en']").contains("fallbackLocale: 'vi'")
        .contains("vendor: 'PCM2'");
    if (app.equals("tasklist")) {
      assertThat(config).contains("short: 'DD/MM/YYYY'");
    }
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
