package org.pcm2.grants.system;

/** One wrong input: the field's name and what is wrong, in Vietnamese then English. */
public record FieldError(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
