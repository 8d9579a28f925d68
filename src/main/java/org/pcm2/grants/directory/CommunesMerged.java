package org.pcm2.grants.directory;

import java.util.List;

/**
 * Published, inside the merger's transaction, when communes have been merged into a new
 * one: what else follows a commune (feedback about it, ...) moves with it, or the merger
 * fails as a whole.
 */
public record CommunesMerged(List<String> communes, String code) {
}
