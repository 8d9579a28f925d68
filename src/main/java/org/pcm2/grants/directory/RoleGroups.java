package org.pcm2.grants.directory;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** The role groups of the programme in Camunda's identity service, with their Vietnamese names. */
@Component
public class RoleGroups {

  /** Vietnamese names of the role groups, shown in the Admin webapp and the Tasklist. */
  static final Map<String, String> NAMES = Map.of(
      IdentityGroups.FACILITATORS, "Cán bộ hỗ trợ (Facilitators)",
      IdentityGroups.COMMUNE_LEADERS, "Lãnh đạo xã (Commune leaders)",
      IdentityGroups.DWC_OFFICERS, "Cán bộ chương trình DWC (DWC programme officers)",
      IdentityGroups.DWC_FINANCE, "Kế toán DWC (DWC finance)",
      IdentityGroups.DWC_DIRECTORS, "Giám đốc DWC (DWC director)",
      IdentityGroups.ADMINISTRATORS, "Quản trị hệ thống (Administrators)");

  private final IdentityService identity;

  public RoleGroups(IdentityService identity) {
    this.identity = identity;
  }

  /** Creates the role groups that are missing and renames those whose name changed. */
  public void ensure() {
    NAMES.forEach((id, name) -> save(id, name, IdentityGroups.TYPE_ROLE));
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
