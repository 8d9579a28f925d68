package org.pcm2.grants.directory;

/**
 * What a place is to the programme. The tree may skip levels (since 2025 most communes sit
 * directly under their province), so only COMMUNE and HAMLET carry meaning for routing.
 */
public enum PlaceKind {
  PROVINCE, DISTRICT, COMMUNE, HAMLET
}
