package org.pcm2.grants.system;

/** The request does not fit the current state (a task already done, a stage passed): 409. */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
