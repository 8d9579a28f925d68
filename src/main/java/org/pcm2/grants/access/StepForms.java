package org.pcm2.grants.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The fields of every Camunda Form in {@code processes/}, read once from the classpath: what
 * a person may enter at a step (the editable fields) and what the form only shows (read-only
 * fields, which the Tasklist sends back unchanged). The forms are the one list of a step's
 * fields, for the Tasklist and for every other door alike.
 */
public final class StepForms {

  /** The fields of one form. */
  public record Fields(Set<String> editable, Set<String> readOnly) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StepForms FROM_CLASSPATH = load("classpath*:*.form");

  private final Map<String, Fields> byFormId;

  StepForms(Map<String, Fields> byFormId) {
    this.byFormId = Map.copyOf(byFormId);
  }

  /** The forms deployed with the application. */
  public static StepForms deployed() {
    return FROM_CLASSPATH;
  }

  /** The fields of the form with this id ({@code camunda:formRef}), if there is such a form. */
  public Optional<Fields> of(String formId) {
    return Optional.ofNullable(formId == null ? null : byFormId.get(formId));
  }

  static StepForms load(String pattern) {
    Map<String, Fields> forms = new HashMap<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver(StepForms.class.getClassLoader())
          .getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          JsonNode form = JSON.readTree(in);
          Set<String> editable = new LinkedHashSet<>();
          Set<String> readOnly = new LinkedHashSet<>();
          collect(form, editable, readOnly);
          forms.put(form.path("id").asText(), new Fields(Set.copyOf(editable), Set.copyOf(readOnly)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the forms " + pattern, e);
    }
    return new StepForms(forms);
  }

  private static void collect(JsonNode node, Set<String> editable, Set<String> readOnly) {
    for (JsonNode component : node.path("components")) {
      if (component.hasNonNull("key")) {
        boolean shown = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
        (shown ? readOnly : editable).add(component.get("key").asText());
      }
      collect(component, editable, readOnly);
    }
  }
}
