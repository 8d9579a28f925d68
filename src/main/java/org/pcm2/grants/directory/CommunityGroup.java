package org.pcm2.grants.directory;

/**
 * A group that runs sub-projects: a CBG of a hamlet or a student group of a school, with
 * the facilitator who works with it.
 */
public record CommunityGroup(String code, GroupKind kind, String name, String hamletCode, String schoolCode,
    String facilitatorId) {

  /** The code of the unit the group belongs to: its hamlet or its school. */
  public String unitCode() {
    return kind == GroupKind.CBG ? hamletCode : schoolCode;
  }
}
