package org.pcm2.grants.notification;

/** A person a mail goes to, with the language they read. */
public record Recipient(String userId, String name, String email, String language) {
}
