package org.pcm2.grants.directory;

import org.pcm2.grants.texts.Texts;

/** A code that names no place, school or group of the directory. */
public class UnknownCodeException extends RuntimeException {

  private final String field;
  private final String code;

  public UnknownCodeException(String field, String code) {
    super(Texts.both("directory.unknownCode", code, field));
    this.field = field;
    this.code = code;
  }

  /** The name of the input field that carried the code. */
  public String field() {
    return field;
  }

  public String code() {
    return code;
  }
}
