package org.pcm2.grants.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work of the application (the mail sender). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {
}
