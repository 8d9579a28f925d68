package org.pcm2.grants.system;

/** The caller is known but their role does not give them this (answered 403). */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
