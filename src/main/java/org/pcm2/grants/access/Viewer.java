package org.pcm2.grants.access;

import java.util.List;
import java.util.Set;
import org.pcm2.grants.directory.IdentityGroups;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is asking, and so what they may see: their own, their commune's, or everything (DWC). */
public record Viewer(String userId, Set<String> groups) {

  public static Viewer of(Authentication authentication) {
    return new Viewer(authentication.getName(), Set.copyOf(authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority).toList()));
  }

  public boolean isDwc() {
    return groups.contains(IdentityGroups.DWC_OFFICERS) || groups.contains(IdentityGroups.DWC_FINANCE)
        || groups.contains(IdentityGroups.DWC_DIRECTORS);
  }

  /** A system administrator (Camunda's {@code camunda-admin}): DWC's setup and people changes. */
  public boolean isAdministrator() {
    return groups.contains(IdentityGroups.ADMINISTRATORS);
  }

  public boolean isFacilitator() {
    return groups.contains(IdentityGroups.FACILITATORS);
  }

  /** Codes of the communes whose leaders this person is one of. */
  public List<String> communes() {
    return groups.stream().filter(IdentityGroups::isCommuneLeadersGroup).map(IdentityGroups::communeOf).sorted().toList();
  }
}
