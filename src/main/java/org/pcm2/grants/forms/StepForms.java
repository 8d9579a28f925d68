package org.pcm2.grants.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The fields of every Camunda Form in {@code processes/}, read once from the classpath: what
 * a person may enter at a step (the editable fields, each with the rules its form declares)
 * and what the form only shows (read-only fields, which the Tasklist sends back unchanged).
 * The forms are the one list of a step's fields and of their rules, for the Tasklist, for
 * every other door (checked by the engine's command guard) and for the API document alike.
 */
public final class StepForms {

  /** The fields of one form: its editable fields' rules in the form's order, and the shown ones. */
  public record Fields(Map<String, FieldRule> rules, Set<String> readOnly) {

    public Fields(Set<String> editable, Set<String> readOnly) {
      this(rulesFor(editable), readOnly);
    }

    public Set<String> editable() {
      return rules.keySet();
    }

    private static Map<String, FieldRule> rulesFor(Set<String> editable) {
      Map<String, FieldRule> rules = new LinkedHashMap<>();
      editable.forEach(key -> rules.put(key, new FieldRule(key, key, "textfield", null, false, null, null, null, null,
          null, List.of())));
      return rules;
    }
  }

  /** A user task's form and the start form of its process (whose fields the process already holds). */
  public record Step(String taskKey, String name, String formId, String startFormId) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final XMLInputFactory XML = xmlInputFactory();
  private static final StepForms FROM_CLASSPATH = load("classpath*:processes/*.form",
      "classpath*:processes/*.bpmn");

  private final Map<String, Fields> byFormId;
  private final Map<String, Step> byTaskKey;

  StepForms(Map<String, Fields> byFormId, Map<String, Step> byTaskKey) {
    this.byFormId = Map.copyOf(byFormId);
    this.byTaskKey = Map.copyOf(byTaskKey);
  }

  private static XMLInputFactory xmlInputFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // the models are the application's own; still, no document type and no outside entity
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }

  /** The forms deployed with the application. */
  public static StepForms deployed() {
    return FROM_CLASSPATH;
  }

  /** The fields of the form with this id ({@code camunda:formRef}), if there is such a form. */
  public Optional<Fields> of(String formId) {
    return Optional.ofNullable(formId == null ? null : byFormId.get(formId));
  }

  /** The user task with this id in the deployed models, with its form and its process's start form. */
  public Optional<Step> step(String taskKey) {
    return Optional.ofNullable(taskKey == null ? null : byTaskKey.get(taskKey));
  }

  /** The rule of one editable field of a user task's form. */
  public Optional<FieldRule> rule(String taskKey, String field) {
    return step(taskKey).flatMap(step -> of(step.formId())).map(fields -> fields.rules().get(field));
  }

  /** The fields a step's request must carry: the form's required ones that the process does not hold already. */
  public Set<String> requiredAt(Step step) {
    Set<String> held = of(step.startFormId()).map(Fields::editable).orElse(Set.of());
    Set<String> required = new LinkedHashSet<>();
    of(step.formId()).ifPresent(fields -> fields.rules().values().stream()
        .filter(rule -> rule.required() && !held.contains(rule.key())).forEach(rule -> required.add(rule.key())));
    return required;
  }

  static StepForms load(String formPattern, String modelPattern) {
    Map<String, Fields> forms = new HashMap<>();
    Map<String, Step> steps = new HashMap<>();
    try {
      PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
          StepForms.class.getClassLoader());
      for (Resource resource : resolver.getResources(formPattern)) {
        try (InputStream in = resource.getInputStream()) {
          JsonNode form = JSON.readTree(in);
          Map<String, FieldRule> editable = new LinkedHashMap<>();
          Set<String> readOnly = new LinkedHashSet<>();
          collect(form, editable, readOnly);
          forms.put(form.path("id").asText(),
              new Fields(Collections.unmodifiableMap(editable), Set.copyOf(readOnly)));
        }
      }
      for (Resource resource : modelPattern == null ? new Resource[0] : resolver.getResources(modelPattern)) {
        try (InputStream in = resource.getInputStream()) {
          steps.putAll(userTasks(in));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the forms " + formPattern, e);
    }
    return new StepForms(forms, steps);
  }

  /**
   * The user tasks of one BPMN model with their forms, read with a streaming parser: the model
   * API would build its whole type registry and validate against the BPMN schema, a second of
   * every start-up, for four attributes (the engine validates the models when it deploys them).
   */
  static Map<String, Step> userTasks(InputStream model) throws IOException {
    Map<String, Step> tasks = new LinkedHashMap<>();
    List<String[]> found = new ArrayList<>();
    String startForm = null;
    try {
      XMLStreamReader xml = XML.createXMLStreamReader(model);
      try {
        while (xml.hasNext()) {
          if (xml.next() != XMLStreamConstants.START_ELEMENT || !BPMN.equals(xml.getNamespaceURI())) {
            continue;
          }
          String formRef = xml.getAttributeValue(CAMUNDA, "formRef");
          if ("startEvent".equals(xml.getLocalName()) && startForm == null && formRef != null) {
            startForm = formRef;
          } else if ("userTask".equals(xml.getLocalName())) {
            found.add(new String[] {xml.getAttributeValue(null, "id"), xml.getAttributeValue(null, "name"), formRef});
          }
        }
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new IOException("Cannot read a BPMN model: " + e.getMessage(), e);
    }
    for (String[] task : found) {
      tasks.put(task[0], new Step(task[0], task[1], task[2], startForm));
    }
    return tasks;
  }

  private static void collect(JsonNode node, Map<String, FieldRule> editable, Set<String> readOnly) {
    for (JsonNode component : node.path("components")) {
      if (component.hasNonNull("key")) {
        boolean shown = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
        String key = component.get("key").asText();
        if (shown) {
          readOnly.add(key);
        } else {
          editable.put(key, rule(component));
        }
      }
      collect(component, editable, readOnly);
    }
  }

  private static FieldRule rule(JsonNode component) {
    JsonNode validate = component.path("validate");
    List<Object> values = new ArrayList<>();
    for (JsonNode option : component.path("values")) {
      JsonNode value = option.path("value");
      values.add(value.isNumber() ? (Object) value.asLong() : value.asText());
    }
    return new FieldRule(component.get("key").asText(), component.path("label").asText(component.get("key").asText()),
        component.path("type").asText(),
        component.hasNonNull("subtype") ? component.get("subtype").asText() : null,
        validate.path("required").asBoolean(false), longOrNull(validate.get("min")), longOrNull(validate.get("max")),
        intOrNull(validate.get("minLength")), intOrNull(validate.get("maxLength")),
        validate.hasNonNull("pattern") ? validate.get("pattern").asText() : null, List.copyOf(values));
  }

  private static Long longOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asLong();
  }

  private static Integer intOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asInt();
  }
}
