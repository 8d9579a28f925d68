package org.pcm2.grants.proposal;

/** How many other sub-projects of a group are still open in a cycle. */
public interface OpenSubprojects {

  long countOthers(String groupCode, String cycleCode, String exceptProcessInstanceId);
}
