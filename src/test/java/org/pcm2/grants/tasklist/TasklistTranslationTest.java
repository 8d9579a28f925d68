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
import org.springframework.core.io.ClassPathResource;

/**
 * The project's Vietnamese translation of the Tasklist ({@code locales/vi.json}) against
 * the English file the Camunda webjar ships: every key translated, every placeholder kept,
 * written in Vietnamese; the configuration makes it the default.
 */
class TasklistTranslationTest {

  private static final String LOCALES = "META-INF/resources/webjars/camunda/app/tasklist/locales/";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
  private static final Pattern VIETNAMESE = Pattern.compile("[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]",
      Pattern.CASE_INSENSITIVE);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyKeyOfTheEnglishFileIsTranslatedWithItsPlaceholders() throws IOException {
    JsonNode english = read(LOCALES + "en.json").get("labels");
    JsonNode vietnamese = read(LOCALES + "vi.json").get("labels");

    assertThat(names(vietnamese)).isEqualTo(names(english));
    List<String> untranslated = new ArrayList<>();
    english.fieldNames().forEachRemaining(key -> {
      String en = english.get(key).asText();
      String vi = vietnamese.get(key).asText();
      assertThat(placeholders(vi)).as("placeholders of %s", key).isEqualTo(placeholders(en));
      if (!en.isBlank() && vi.isBlank()) {
        untranslated.add(key);
      }
    });
    assertThat(untranslated).as("keys left empty").isEmpty();
    long inVietnamese = names(vietnamese).stream()
        .filter(key -> VIETNAMESE.matcher(vietnamese.get(key).asText()).find()).count();
    // all but symbols, product names and the like (<, >=, Cockpit, PCM2) are written in Vietnamese
    assertThat(inVietnamese).isGreaterThan(english.size() * 9L / 10);
    assertThat(vietnamese.get("COMPLETE").asText()).isEqualTo("Hoàn thành");
    assertThat(vietnamese.get("CLAIM_TASK").asText()).isEqualTo("Nhận việc");
  }

  @Test
  void datesAreDayMonthYearInVietnamese() throws IOException {
    JsonNode english = read(LOCALES + "en.json").get("dateLocales");
    JsonNode vietnamese = read(LOCALES + "vi.json").get("dateLocales");
    assertThat(names(vietnamese)).isEqualTo(names(english));
    assertThat(vietnamese.at("/longDateFormat/L").asText()).isEqualTo("DD/MM/YYYY");
    assertThat(vietnamese.at("/weekdays/1").asText()).isEqualTo("thứ hai");
  }

  @Test
  void vietnameseIsTheDefaultAndEnglishTheAlternative() throws IOException {
    String config = new String(new ClassPathResource("META-INF/resources/webjars/camunda/app/tasklist/scripts/config.js")
        .getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(config).contains("availableLocales: ['vi', 'en']").contains("fallbackLocale: 'vi'")
        .contains("short: 'DD/MM/YYYY'").contains("vendor: 'PCM2'");
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
