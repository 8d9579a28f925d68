package org.pcm2.grants.proposal;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcm2.grants.audit.DecisionPoint;
import org.pcm2.grants.forms.FieldRule;
import org.pcm2.grants.forms.StepForms;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Decision;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.texts.Texts;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The API document's account of the steps: one operation for each step of the grant cycle
 * ({@code POST /api/subprojects/{code}/tasks/UserTask_ReviewProposal} ...) instead of one
 * with a free map, each with the request schema its form declares (the same {@link
 * FieldRule}s the engine's command guard applies), the decisions that need a comment and the
 * approval's amount (the same {@link DecisionPoint}s the audit listener applies), and an
 * example from the demo data. A generated client gets a typed method for each step.
 */
@Component
class StepRequestDocument implements OpenApiCustomizer {

  static final String GENERIC_PATH = "/api/subprojects/{code}/tasks/{taskKey}";
  private static final String JSON = "application/json";

  private final StepForms forms = StepForms.deployed();

  @Override
  public void customise(io.swagger.v3.oas.models.OpenAPI document) {
    Paths paths = document.getPaths();
    PathItem generic = paths == null ? null : paths.get(GENERIC_PATH);
    if (generic == null || generic.getPost() == null) {
      return;
    }
    Operation template = generic.getPost();
    Paths ordered = new Paths();
    paths.forEach((path, item) -> {
      if (!path.equals(GENERIC_PATH)) {
        ordered.addPathItem(path, item);
        return;
      }
      for (DecisionPoint point : DecisionPoint.values()) {
        String name = schemaName(point);
        document.getComponents().addSchemas(name, schema(point));
        ordered.addPathItem(GENERIC_PATH.replace("{taskKey}", point.taskKey()),
            new PathItem().post(operation(template, point, name)));
      }
    });
    document.setPaths(ordered);
  }

  /** {@code UserTask_ReviewProposal} → {@code ReviewProposalStep}. */
  static String schemaName(DecisionPoint point) {
    return point.taskKey().replace("UserTask_", "") + "Step";
  }

  private Operation operation(Operation template, DecisionPoint point, String schemaName) {
    List<Parameter> parameters = new ArrayList<>();
    for (Parameter parameter : template.getParameters()) {
      if (!"taskKey".equals(parameter.getName())) {
        parameters.add(parameter);
      }
    }
    Map<String, Object> example = StepExamples.of(point.taskKey());
    return new Operation()
        .operationId("subprojectComplete" + point.taskKey().replace("UserTask_", ""))
        .summary(Texts.vietnamese("step." + point.taskKey()) + " / " + Texts.english("step." + point.taskKey()))
        .description(template.getDescription())
        .tags(template.getTags())
        .parameters(parameters)
        .requestBody(new RequestBody().required(true).content(new Content().addMediaType(JSON, new MediaType()
            .schema(new Schema<>().$ref("#/components/schemas/" + schemaName)).example(example))))
        .responses(template.getResponses())
        .security(template.getSecurity());
  }

  private Schema<?> schema(DecisionPoint point) {
    StepForms.Step step = forms.step(point.taskKey()).orElseThrow(
        () -> new IllegalStateException("No user task " + point.taskKey() + " in the models"));
    StepForms.Fields fields = forms.of(step.formId()).orElseThrow(
        () -> new IllegalStateException("No form " + step.formId() + " for " + point.taskKey()));
    Schema<Object> schema = new Schema<>();
    typed(schema, "object").description(Texts.vietnamese("step." + point.taskKey()) + " / "
        + Texts.english("step." + point.taskKey()) + ": " + Texts.both("proposal.stepSchema", step.formId()));
    fields.rules().values().forEach(rule -> schema.addProperty(rule.key(), property(rule)));
    Set<String> required = forms.requiredAt(step);
    if (!required.isEmpty()) {
      schema.required(new ArrayList<>(required));
    }
    schema.additionalProperties(false);
    List<Schema> conditions = new ArrayList<>();
    if (point.decisionVariable() != null && !point.needComment().isEmpty()) {
      conditions.add(when(point.decisionVariable(), point.needComment(), point.commentVariable(),
          nonBlank(fields.rules().get(point.commentVariable()))));
    }
    if (point == DecisionPoint.APPRAISAL) {
      conditions.add(when(point.decisionVariable(), Set.of(Decision.APPROVE), Var.APPROVED_GRANT,
          property(fields.rules().get(Var.APPROVED_GRANT))));
    }
    if (conditions.size() == 1) {
      schema.setIf(conditions.get(0).getIf());
      schema.setThen(conditions.get(0).getThen());
    } else if (!conditions.isEmpty()) {
      schema.allOf(conditions);
    }
    return schema;
  }

  /** "If the decision is one of these, that field is required": the rule the audit listener applies. */
  private static Schema<?> when(String decision, Set<String> values, String field, Schema<?> then) {
    Schema<Object> condition = new Schema<>();
    Schema<Object> chosen = new Schema<>();
    chosen.setEnum(new ArrayList<>(values));
    condition.setIf(new Schema<>().addProperty(decision, chosen).required(List.of(decision)));
    condition.setThen(new Schema<>().addProperty(field, then).required(List.of(field)));
    return condition;
  }

  /** A comment that must be written, not only sent: the audit listener refuses a blank one. */
  private static Schema<?> nonBlank(FieldRule rule) {
    Schema<?> text = property(rule);
    text.minLength(1).pattern("\\S");
    return text;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static Schema<?> property(FieldRule rule) {
    Schema property = new Schema<>();
    property.description(rule.label());
    if (rule.isChoice()) {
      boolean numbers = rule.values().get(0) instanceof Long;
      typed(property, numbers ? "integer" : "string");
      property.setEnum(new ArrayList<>(rule.values()));
    } else if (rule.isNumber()) {
      typed(property, "integer").format("int64");
      if (rule.min() != null) {
        property.minimum(java.math.BigDecimal.valueOf(rule.min()));
      }
      if (rule.max() != null) {
        property.maximum(java.math.BigDecimal.valueOf(rule.max()));
      }
    } else if (rule.isDate()) {
      typed(property, "string").format("date");
    } else if (rule.isFlag()) {
      typed(property, "boolean");
    } else {
      typed(property, "string");
      property.maxLength(rule.maxLength());
      property.minLength(rule.minLength());
      property.pattern(rule.pattern());
    }
    return property;
  }

  /** The type, as OpenAPI 3.1 writes it (a set) and as 3.0 did. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema typed(Schema schema, String type) {
    schema.setType(type);
    schema.setTypes(new java.util.LinkedHashSet<>(List.of(type)));
    return schema;
  }

  /** The schema names this document adds, by step key (for tests and clients). */
  static Map<String, String> schemaNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (DecisionPoint point : DecisionPoint.values()) {
      names.put(point.taskKey(), schemaName(point));
    }
    return names;
  }
}
