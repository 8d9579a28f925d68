package org.pcm2.grants.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The forms of {@code processes/} as form-js reads them: no property form-js does not know
 * (it ignores a misspelt one without a word, as it once ignored {@code suffixAdornment}),
 * every amount marked in đồng, every label Vietnamese first with English in brackets.
 */
class FormSchemaTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Set<String> COMMON = Set.of("id", "type", "key", "label", "description", "validate",
      "readonly", "disabled");
  private static final Map<String, Set<String>> KNOWN = Map.of(
      "text", Set.of("id", "type", "text"),
      "number", Set.of("appearance", "decimalDigits", "increment", "serializeToString"),
      "textfield", Set.of("appearance"),
      "datetime", Set.of("dateLabel", "subtype", "disallowPassedDates", "timeLabel", "use24h", "timeSerializingFormat"),
      "radio", Set.of("values", "valuesKey"),
      "select", Set.of("values", "valuesKey", "searchable"),
      "checkbox", Set.of(),
      "textarea", Set.of());
  private static final Set<String> VALIDATE = Set.of("required", "min", "max", "minLength", "maxLength", "pattern",
      "validationType");
  private static final Set<String> APPEARANCE = Set.of("prefixAdorner", "suffixAdorner");
  /** Number fields that count people or tranches rather than money. */
  private static final Pattern COUNT = Pattern.compile("beneficiaries.*|students.*|.*Reached|.*Number|.*Count|output.*");
  private static final Pattern BILINGUAL = Pattern.compile("\\S.*\\(.*[A-Za-z].*\\)\\s*\\*?$");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyPropertyIsOneFormJsKnows() throws IOException {
    List<String> unknown = new ArrayList<>();
    for (Path form : forms()) {
      for (JsonNode field : fields(form)) {
        String type = field.get("type").asText();
        assertThat(KNOWN).as("type %s in %s", type, form).containsKey(type);
        field.fieldNames().forEachRemaining(name -> {
          if (!COMMON.contains(name) && !KNOWN.get(type).contains(name)) {
            unknown.add(form.getFileName() + ": " + field.path("key").asText(field.path("id").asText()) + "." + name);
          }
        });
        field.path("validate").fieldNames().forEachRemaining(name -> {
          if (!VALIDATE.contains(name)) {
            unknown.add(form.getFileName() + ": " + field.path("key").asText() + ".validate." + name);
          }
        });
        field.path("appearance").fieldNames().forEachRemaining(name -> {
          if (!APPEARANCE.contains(name)) {
            unknown.add(form.getFileName() + ": " + field.path("key").asText() + ".appearance." + name);
          }
        });
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void everyAmountIsInDong() throws IOException {
    List<String> amounts = new ArrayList<>();
    List<String> unmarked = new ArrayList<>();
    for (Path form : forms()) {
      for (JsonNode field : fields(form)) {
        String key = field.path("key").asText();
        if ("number".equals(field.get("type").asText()) && !COUNT.matcher(key).matches()) {
          amounts.add(key);
          if (!"₫".equals(field.path("appearance").path("suffixAdorner").asText())) {
            unmarked.add(form.getFileName() + ": " + key);
          }
        }
      }
    }
    assertThat(amounts).contains("requestedGrant", "approvedGrant", "trancheAmount", "awardAmount", "budget");
    assertThat(unmarked).isEmpty();
  }

  @Test
  void everyLabelIsVietnameseThenEnglish() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path form : forms()) {
      for (JsonNode field : fields(form)) {
        for (String name : List.of("label", "dateLabel")) {
          String label = field.path(name).asText(null);
          if (label != null && !BILINGUAL.matcher(label).matches()) {
            wrong.add(form.getFileName() + ": " + label);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static List<Path> forms() throws IOException {
    try (Stream<Path> files = Files.list(PROCESSES)) {
      List<Path> forms = files.filter(p -> p.toString().endsWith(".form")).sorted().toList();
      assertThat(forms).hasSizeGreaterThanOrEqualTo(16);
      return forms;
    }
  }

  private static List<JsonNode> fields(Path form) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    collect(JSON.readTree(form.toFile()).get("components"), all);
    return all;
  }

  private static void collect(JsonNode components, List<JsonNode> into) {
    if (components == null) {
      return;
    }
    for (JsonNode component : components) {
      into.add(component);
      collect(component.get("components"), into);
    }
  }
}
