package org.pcm2.grants.directory;

/** A lower-secondary school (THCS) of a commune. */
public record School(String code, String communeCode, String name) {
}
