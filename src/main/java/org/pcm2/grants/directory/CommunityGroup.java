package org.pcm2.grants.directory;

import java.time.LocalDate;

/**
 * A group that runs sub-projects: a CBG of a hamlet or a student group of a school, with
 * the facilitator who works with it and, where DWC knows them, when it was formed, its
 * members and how many of its leaders are women.
 */
public record CommunityGroup(String code, GroupKind kind, String name, String hamletCode, String schoolCode,
    String facilitatorId, LocalDate formedOn, Integer members, Integer womenLeaders) {

  /** A group whose profile (formed on, members, women leaders) is not known. */
  public CommunityGroup(String code, GroupKind kind, String name, String hamletCode, String schoolCode,
      String facilitatorId) {
    this(code, kind, name, hamletCode, schoolCode, facilitatorId, null, null, null);
  }

  /** The code of the unit the group belongs to: its hamlet or its school. */
  public String unitCode() {
    return kind == GroupKind.CBG ? hamletCode : schoolCode;
  }

  /** The same group served by another facilitator. */
  public CommunityGroup withFacilitator(String facilitator) {
    return new CommunityGroup(code, kind, name, hamletCode, schoolCode, facilitator, formedOn, members, womenLeaders);
  }
}
