package org.pcm2.grants.directory;

/** An administrative unit: a node of the place tree, with a stable code and a Vietnamese name. */
public record Place(String code, String parentCode, PlaceKind kind, String name) {
}
