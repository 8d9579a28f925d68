package org.pcm2.grants.directory;

/** Where a group belongs: its unit (hamlet or school) and the commune whose leaders review its work. */
public record GroupLocation(CommunityGroup group, String unitCode, String unitName, Place commune) {
}
