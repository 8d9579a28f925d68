package org.pcm2.grants.system;

/** What the caller asked for does not exist, or is not theirs to see (answered alike: 404). */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
