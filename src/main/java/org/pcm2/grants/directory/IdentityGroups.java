package org.pcm2.grants.directory;

import java.util.List;

/**
 * The group scheme of Camunda's identity service, which the webapps and the project's API
 * share. Role groups say what a person does; one group per commune routes the review and
 * evaluation tasks of that commune to its leaders only.
 */
public final class IdentityGroups {

  /** Facilitators (cán bộ hỗ trợ): submit and revise proposals, report. */
  public static final String FACILITATORS = "facilitators";
  /** All commune leaders (lãnh đạo xã), whatever their commune. */
  public static final String COMMUNE_LEADERS = "communeLeaders";
  /** DWC programme officers (cán bộ chương trình DWC). */
  public static final String DWC_OFFICERS = "dwcOfficers";
  /** DWC finance (kế toán DWC). */
  public static final String DWC_FINANCE = "dwcFinance";
  /** DWC director (giám đốc DWC). */
  public static final String DWC_DIRECTORS = "dwcDirectors";
  /** Administrators: Camunda's own group for the Admin webapp. */
  public static final String ADMINISTRATORS = "camunda-admin";

  /** Camunda group type of the role groups. */
  public static final String TYPE_ROLE = "ROLE";
  /** Camunda group type of the per-commune groups. */
  public static final String TYPE_COMMUNE = "COMMUNE";
  /** Camunda group type of a DWC team's groups, one per DWC role. */
  public static final String TYPE_TEAM = "DWC_TEAM";
  /** The DWC roles, each of which a team has a group of. */
  public static final List<String> DWC_ROLES = List.of(DWC_OFFICERS, DWC_FINANCE, DWC_DIRECTORS);

  private static final String COMMUNE_PREFIX = "commune";

  private IdentityGroups() {
  }

  public static boolean isCommuneLeadersGroup(String groupId) {
    return groupId.startsWith(COMMUNE_PREFIX) && groupId.length() > COMMUNE_PREFIX.length()
        && !groupId.equals(COMMUNE_LEADERS);
  }

  /** The commune code of a commune leaders' group. */
  public static String communeOf(String groupId) {
    return groupId.substring(COMMUNE_PREFIX.length());
  }

  /** The group of a DWC team's people of one role, e.g. {@code dwcOfficersMekong} for team {@code mekong}. */
  public static String dwcTeam(String role, String teamCode) {
    if (!DWC_ROLES.contains(role)) {
      throw new IllegalArgumentException("not a DWC role: " + role);
    }
    return role + Character.toUpperCase(teamCode.charAt(0)) + teamCode.substring(1);
  }

  /** Whether the group is a DWC team's group (its role's id followed by the team's code). */
  public static boolean isDwcTeamGroup(String groupId) {
    return roleOfTeamGroup(groupId).isPresent();
  }

  /** The DWC role of a team's group ({@code dwcOfficersMekong} → {@code dwcOfficers}), if it is one. */
  public static java.util.Optional<String> roleOfTeamGroup(String groupId) {
    return DWC_ROLES.stream().filter(role -> groupId.startsWith(role) && groupId.length() > role.length())
        .findFirst();
  }

  /** Whether the group's tasks are DWC's: a DWC role's group or a team's. */
  public static boolean isDwcGroup(String groupId) {
    return DWC_ROLES.contains(groupId) || isDwcTeamGroup(groupId);
  }

  /** The group of the leaders of one commune, e.g. {@code commune05740}. */
  public static String communeLeaders(String communeCode) {
    return COMMUNE_PREFIX + communeCode;
  }
}
