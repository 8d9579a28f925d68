package org.pcm2.grants.notification;

import java.util.List;

/**
 * A notification the workflow asks for: what kind, about which sub-project, for whom
 * (user ids and group ids), with the figures a mail will name.
 */
public record NotificationRequest(NotificationKind kind, String subprojectCode, String processInstanceId,
    String title, String communeName, Long amount, List<String> users, List<String> groups) {
}
