package org.pcm2.grants.setup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.pcm2.grants.access.Grants;
import org.pcm2.grants.access.GroupHandover;
import org.pcm2.grants.directory.CommunesMerged;
import org.pcm2.grants.directory.DirectoryChanges;
import org.pcm2.grants.directory.DirectoryChanges.Subject;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.PlaceKind;
import org.pcm2.grants.directory.RoleGroups;
import org.pcm2.grants.grantcycle.Stage;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Communes merged into a new one under a new code, as in the 2025 reform, in one
 * transaction: the new commune and its leaders' group; the old communes' hamlets and schools
 * (and so their groups) under the new commune; each old commune kept, naming the one it
 * became part of. Sub-projects keep the commune they were made in (reports, ledger and
 * envelopes stay as they were); their open ones go to the new commune's leaders: the
 * instance's leaders group, its open commune steps (a step claimed by someone who does not
 * lead the new commune is given back), the read rights, the read model. Whatever else follows
 * a commune listens to {@link CommunesMerged} in the same transaction (open feedback about an
 * old commune goes to the new commune's leaders). DWC sets the new commune's envelopes for its
 * new proposals.
 */
@Service
public class CommuneMerger {

  /** The merger asked for: the communes merged, the new commune's code, name and parent. */
  public record Request(List<String> communes, String code, String name, String parent) {
  }

  /** What moved. */
  public record Merged(String code, List<String> communes, int places, int schools, List<String> subprojects,
      int tasks, int tasksGivenBack) {
  }

  private static final String CODE = "[A-Za-z0-9]{1,20}";
  private static final List<String> CLOSED = Stage.ENDED;

  private final DirectoryService directory;
  private final RoleGroups roleGroups;
  private final DirectoryChanges changes;
  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final AuthorizationService authorizations;
  private final GroupHandover handover;
  private final ApplicationEventPublisher events;

  public CommuneMerger(DirectoryService directory, RoleGroups roleGroups, DirectoryChanges changes, JdbcClient jdbc,
      RuntimeService runtime, AuthorizationService authorizations, GroupHandover handover,
      ApplicationEventPublisher events) {
    this.directory = directory;
    this.roleGroups = roleGroups;
    this.changes = changes;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.authorizations = authorizations;
    this.handover = handover;
    this.events = events;
  }

  @Transactional
  public Merged merge(Request request, String actor) {
    Set<String> communes = check(request);
    Place merged = new Place(request.code(), request.parent(), PlaceKind.COMMUNE, request.name().trim());
    directory.savePlace(merged);
    roleGroups.saveCommuneLeaders(merged);
    changes.record(actor, Subject.PLACE, merged.code(), "row", null, merged.toString(),
        "merger of " + String.join(" ", communes));
    int places = 0;
    int schools = 0;
    for (String old : communes) {
      places += jdbc.sql("UPDATE place SET parent_code = ? WHERE parent_code = ?").params(merged.code(), old).update();
      schools += jdbc.sql("UPDATE school SET commune_code = ? WHERE commune_code = ?").params(merged.code(), old)
          .update();
      jdbc.sql("UPDATE place SET merged_into = ? WHERE code = ?").params(merged.code(), old).update();
      changes.record(actor, Subject.PLACE, old, "mergedInto", null, merged.code(), "merger");
    }
    String leaders = IdentityGroups.communeLeaders(merged.code());
    List<String> moved = new ArrayList<>();
    int[] steps = {0, 0};
    for (String old : communes) {
      String oldLeaders = IdentityGroups.communeLeaders(old);
      List<String[]> open = jdbc.sql("SELECT code, process_instance_id FROM subproject WHERE COALESCE("
          + "leaders_commune_code, commune_code) = ? AND stage NOT IN (?, ?, ?, ?, ?) ORDER BY code")
          .params(old, CLOSED.get(0), CLOSED.get(1), CLOSED.get(2), CLOSED.get(3), CLOSED.get(4))
          .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
      for (String[] subproject : open) {
        moveInstance(subproject[1], oldLeaders, leaders, steps);
        jdbc.sql("UPDATE subproject SET leaders_commune_code = ? WHERE code = ?").params(merged.code(),
            subproject[0]).update();
        moved.add(subproject[0]);
      }
    }
    events.publishEvent(new CommunesMerged(List.copyOf(communes), merged.code()));
    return new Merged(merged.code(), List.copyOf(communes), places, schools, moved, steps[0], steps[1]);
  }

  private void moveInstance(String instance, String oldLeaders, String leaders, int[] steps) {
    if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
      return; // ended in the meantime
    }
    runtime.setVariable(instance, Var.COMMUNE_LEADERS_GROUP, leaders);
    Grants.toGroup(authorizations, leaders, Resources.PROCESS_INSTANCE, instance, ProcessInstancePermissions.READ);
    Grants.toGroup(authorizations, leaders, Resources.HISTORIC_PROCESS_INSTANCE, instance,
        HistoricProcessInstancePermissions.READ);
    GroupHandover.Moved moved = handover.handOver(instance, oldLeaders, leaders);
    steps[0] += moved.steps();
    steps[1] += moved.givenBack();
  }

  /** Every field checked at once; the communes merged, in the order given. */
  private Set<String> check(Request request) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> communes = new LinkedHashSet<>(request.communes() == null ? List.of() : request.communes());
    if (communes.size() < 2) {
      errors.add(new FieldError("communes", Texts.both("merger.atLeastTwo")));
    }
    for (String code : communes) {
      Place place = code == null ? null : directory.findPlace(code).orElse(null);
      if (place == null || place.kind() != PlaceKind.COMMUNE) {
        errors.add(new FieldError("communes", Texts.both("setup.notCommune", code)));
      } else if (jdbc.sql("SELECT COUNT(*) FROM place WHERE code = ? AND merged_into IS NOT NULL").param(code)
          .query(Long.class).single() > 0) {
        errors.add(new FieldError("communes", Texts.both("merger.mergedAlready", code)));
      }
    }
    if (request.code() == null || !request.code().matches(CODE)) {
      errors.add(new FieldError("code", Texts.both("setup.code", request.code())));
    } else if (directory.findPlace(request.code()).isPresent()) {
      errors.add(new FieldError("code", Texts.both("merger.codeTaken", request.code())));
    }
    if (request.name() == null || request.name().isBlank() || request.name().trim().length() > 200) {
      errors.add(new FieldError("name", Texts.both("check.requiredAtMost", 200)));
    }
    Place parent = request.parent() == null ? null : directory.findPlace(request.parent()).orElse(null);
    if (parent == null || parent.kind() == PlaceKind.COMMUNE || parent.kind() == PlaceKind.HAMLET) {
      errors.add(new FieldError("parent", Texts.both("merger.parent", request.parent())));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return communes;
  }
}
