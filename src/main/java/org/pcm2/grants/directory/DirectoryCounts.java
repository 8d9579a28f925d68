package org.pcm2.grants.directory;

/** How many places, communes, hamlets, schools and groups the directory holds. */
public record DirectoryCounts(long places, long communes, long hamlets, long schools, long groups) {
}
