package org.pcm2.grants.people;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pcm2.grants.directory.IdentityGroups;

/**
 * What a person does in the programme, as the API names it, and the role group of Camunda's
 * identity service that says so ({@link IdentityGroups}). A commune leader is also in their
 * commune's group {@code commune<code>}. Administrators are made in Camunda Admin, not here.
 */
public enum PersonRole {
  FACILITATOR(IdentityGroups.FACILITATORS),
  COMMUNE_LEADER(IdentityGroups.COMMUNE_LEADERS),
  DWC_OFFICER(IdentityGroups.DWC_OFFICERS),
  DWC_FINANCE(IdentityGroups.DWC_FINANCE),
  DWC_DIRECTOR(IdentityGroups.DWC_DIRECTORS),
  ADMINISTRATOR(IdentityGroups.ADMINISTRATORS);

  /** The roles an administrator gives a new person through the API. */
  public static final List<PersonRole> GIVEN = List.of(FACILITATOR, COMMUNE_LEADER, DWC_OFFICER, DWC_FINANCE, DWC_DIRECTOR);

  private final String group;

  PersonRole(String group) {
    this.group = group;
  }

  public String group() {
    return group;
  }

  public static Optional<PersonRole> named(String name) {
    return Arrays.stream(values()).filter(role -> role.name().equals(name)).findFirst();
  }

  static Optional<PersonRole> ofGroup(String group) {
    return Arrays.stream(values()).filter(role -> role.group.equals(group)).findFirst();
  }
}
