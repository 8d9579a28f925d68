package org.pcm2.grants.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which DWC team is responsible for which province (a directory setting), and so to whom a
 * DWC step of a sub-project goes. A province no team holds, or a team with nobody of the
 * step's role (in both the team's group and the role's), sends the step to everyone of that
 * role: no step starts waiting for nobody.
 */
@Service
public class DwcTeams {

  private final JdbcClient jdbc;
  private final DirectoryService directory;
  private final RoleGroups groups;

  public DwcTeams(JdbcClient jdbc, DirectoryService directory, RoleGroups groups) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.groups = groups;
  }

  /**
   * The group a DWC step of a sub-project in the commune goes to: the group of that role of the
   * team responsible for the commune's province, or the role's group.
   */
  public String groupFor(String role, String communeCode) {
    return teamOfCommune(communeCode).map(team -> IdentityGroups.dwcTeam(role, team))
        .filter(group -> hasMembersOfRole(group, role)).orElse(role);
  }

  /** The team responsible for the province the commune lies in. */
  public Optional<String> teamOfCommune(String communeCode) {
    return directory.pathToRoot(communeCode).stream().filter(place -> place.kind() == PlaceKind.PROVINCE)
        .findFirst().flatMap(province -> jdbc.sql("SELECT team_code FROM dwc_team_province WHERE province_code = ?")
            .param(province.code()).query(String.class).optional());
  }

  /** Whether someone in the team's group also holds the role: only they may work its steps. */
  private boolean hasMembersOfRole(String groupId, String role) {
    return jdbc.sql("SELECT COUNT(*) FROM act_id_membership m JOIN act_id_membership r ON r.user_id_ = m.user_id_"
        + " AND r.group_id_ = ? WHERE m.group_id_ = ?").params(role, groupId).query(Long.class).single() > 0;
  }

  /** Every team with its provinces and people, by code. */
  public List<DwcTeam> all() {
    return jdbc.sql("SELECT code FROM dwc_team ORDER BY code").query(String.class).list().stream()
        .map(code -> find(code).orElseThrow()).toList();
  }

  public Optional<DwcTeam> find(String code) {
    return jdbc.sql("SELECT name FROM dwc_team WHERE code = ?").param(code).query(String.class).optional()
        .map(name -> new DwcTeam(code, name, provinces(code), members(code)));
  }

  private List<String> provinces(String code) {
    return jdbc.sql("SELECT province_code FROM dwc_team_province WHERE team_code = ? ORDER BY province_code")
        .param(code).query(String.class).list();
  }

  private Map<String, List<String>> members(String code) {
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (String role : IdentityGroups.DWC_ROLES) {
      String group = IdentityGroups.dwcTeam(role, code);
      members.put(group, jdbc.sql("SELECT user_id_ FROM act_id_membership WHERE group_id_ = ? ORDER BY user_id_")
          .param(group).query(String.class).list());
    }
    return members;
  }

  /**
   * Adds the team or renames it, and makes it responsible for exactly these provinces (taken
   * from the team that held them). Its three groups are created (or renamed) with it; its
   * people are added to them in the Admin webapp. Steps already waiting stay with whom they
   * were given to; the steps that start from now on follow the new setting.
   */
  @Transactional
  public DwcTeam save(String code, String name, List<String> provinces) {
    if (jdbc.sql("UPDATE dwc_team SET name = ? WHERE code = ?").params(name, code).update() == 0) {
      jdbc.sql("INSERT INTO dwc_team (code, name) VALUES (?, ?)").params(code, name).update();
    }
    jdbc.sql("DELETE FROM dwc_team_province WHERE team_code = ?").param(code).update();
    for (String province : new TreeSet<>(provinces)) {
      jdbc.sql("DELETE FROM dwc_team_province WHERE province_code = ?").param(province).update();
      jdbc.sql("INSERT INTO dwc_team_province (province_code, team_code) VALUES (?, ?)").params(province, code)
          .update();
    }
    for (String role : IdentityGroups.DWC_ROLES) {
      groups.save(IdentityGroups.dwcTeam(role, code), Texts.bracketed("team.group", Texts.text("role." + role), name),
          IdentityGroups.TYPE_TEAM);
    }
    return find(code).orElseThrow();
  }

  /**
   * Removes the team: its provinces go back to DWC as a whole (the steps that start from now on
   * go to everyone of their role), and its three groups are deleted, which offers the steps
   * waiting for the team to everyone of their role, who are told by mail (in the engine's
   * command that deletes each group). All or nothing. Returns whether there was such a team.
   */
  @Transactional
  public boolean delete(String code) {
    jdbc.sql("DELETE FROM dwc_team_province WHERE team_code = ?").param(code).update();
    if (jdbc.sql("DELETE FROM dwc_team WHERE code = ?").param(code).update() == 0) {
      return false;
    }
    for (String role : IdentityGroups.DWC_ROLES) {
      groups.delete(IdentityGroups.dwcTeam(role, code), IdentityGroups.TYPE_TEAM);
    }
    return true;
  }
}
