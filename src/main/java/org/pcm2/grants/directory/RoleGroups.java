package org.pcm2.grants.directory;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Component;

/** The role groups of the programme in Camunda's identity service, with their Vietnamese names. */
@Component
public class RoleGroups {

  /** The role groups, named in the texts as {@code role.ID}: shown in the Admin webapp and the Tasklist. */
  static final List<String> IDS = List.of(IdentityGroups.FACILITATORS, IdentityGroups.COMMUNE_LEADERS,
      IdentityGroups.DWC_OFFICERS, IdentityGroups.DWC_FINANCE, IdentityGroups.DWC_DIRECTORS,
      IdentityGroups.ADMINISTRATORS);

  private final IdentityService identity;

  public RoleGroups(IdentityService identity) {
    this.identity = identity;
  }

  /** Creates the role groups that are missing and renames those whose name changed. */
  public void ensure() {
    IDS.forEach(id -> save(id, Texts.bracketed("role." + id), IdentityGroups.TYPE_ROLE));
  }

  /** The group of a commune's leaders, {@code commune<code>}, named for the commune. */
  public void saveCommuneLeaders(Place commune) {
    save(IdentityGroups.communeLeaders(commune.code()), Texts.vietnamese("directory.communeLeaders", commune.name()),
        IdentityGroups.TYPE_COMMUNE);
  }

  /**
   * Deletes one group, if it is there and of that type (its memberships and rights go with it):
   * a group of the same id made otherwise (by hand in Camunda Admin) is left alone.
   */
  public void delete(String id, String type) {
    if (identity.createGroupQuery().groupId(id).groupType(type).count() > 0) {
      identity.deleteGroup(id);
    }
  }

  /** Creates or updates one group. */
  public void save(String id, String name, String type) {
    Group group = identity.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identity.newGroup(id);
    } else if (name.equals(group.getName()) && type.equals(group.getType())) {
      return;
    }
    group.setName(name);
    group.setType(type);
    identity.saveGroup(group);
  }
}
