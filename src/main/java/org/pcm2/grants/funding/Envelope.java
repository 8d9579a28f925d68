package org.pcm2.grants.funding;

/** The budget of a cycle for one commune or school, and how much of it is committed. */
public record Envelope(String cycleCode, String holderCode, long amount, long committed) {

  public long remaining() {
    return amount - committed;
  }
}
