package org.pcm2.grants;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The PCM2 grants workflow: sub-project grant cycles and award rounds on Camunda 7. */
@SpringBootApplication
public class PcmGrantsApplication {

  public static void main(String[] args) {
    SpringApplication.run(PcmGrantsApplication.class, args);
  }
}
