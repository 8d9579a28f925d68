package org.pcm2.grants.notification;

/** A mail was added to the outbox in the current transaction: the sender may go once it commits. */
record MailQueued(String dedupeKey) {
}
