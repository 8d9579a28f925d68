package org.pcm2.grants.notification;

/** Takes a notification the workflow asks for; stored in the step's transaction, sent later. */
public interface NotificationPort {

  void request(NotificationRequest request);
}
