package org.pcm2.grants.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The engine's two REST APIs — {@code engine-rest}, and {@code /camunda/api/engine} that
 * the Tasklist, Cockpit and Admin call — as Camunda configures them, with one JSON mapper
 * for all requests. Camunda's {@link JacksonConfigurator} makes a new {@link ObjectMapper}
 * each time one is asked for (several times a request), so every call built again the
 * serializers of everything it read and wrote: for a Tasklist page, the task query's
 * hundreds of fields and the HAL task list. The mapper here is configured by that same
 * class, once.
 */
@Component
public class EngineRestJson extends CamundaJerseyResourceConfig {

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    registerClasses(withSharedMapper(CamundaRestResources.getConfigurationClasses()));
    register(JacksonFeature.class);
  }

  /** Camunda's configuration classes with its mapper-per-call resolver replaced by the shared one. */
  private static Set<Class<?>> withSharedMapper(Set<Class<?>> configurationClasses) {
    Set<Class<?>> classes = configurationClasses.stream()
        .filter(type -> type != JacksonConfigurator.class)
        .collect(Collectors.toSet());
    classes.add(SharedObjectMapper.class);
    // the exception a call ends with, for the log line of a server error's reference
    classes.add(EngineServerErrorBodies.ExceptionCapture.class);
    return classes;
  }

  /** The webapps' engine API, with the shared mapper. */
  public static class WebappEngineApi extends EngineRestApplication {
    @Override
    public Set<Class<?>> getClasses() {
      return withSharedMapper(super.getClasses());
    }
  }

  /**
   * Registers the webapps' engine API servlet before Camunda's webapp initializer does, under
   * the name and path that initializer uses, so that it keeps this one (it adds its own only
   * when none of that name exists).
   */
  @Component
  static class WebappEngineApiRegistration implements ServletContextInitializer, Ordered {

    static final String SERVLET = "Engine Api";

    private final CamundaBpmProperties camunda;

    WebappEngineApiRegistration(CamundaBpmProperties camunda) {
      this.camunda = camunda;
    }

    @Override
    public void onStartup(ServletContext context) {
      ServletRegistration.Dynamic servlet = context.addServlet(SERVLET, ServletContainer.class);
      if (servlet == null) {
        throw new IllegalStateException("Servlet '" + SERVLET + "' was registered before the project's one");
      }
      servlet.addMapping(camunda.getWebapp().getApplicationPath() + "/api/engine/*");
      servlet.setInitParameter("jakarta.ws.rs.Application", WebappEngineApi.class.getName());
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }

  /** The mapper Camunda's configurator makes, made once (an ObjectMapper is safe to share once configured). */
  @Provider
  @Produces({MediaType.APPLICATION_JSON, Hal.APPLICATION_HAL_JSON})
  public static class SharedObjectMapper implements ContextResolver<ObjectMapper> {

    private static final ObjectMapper MAPPER = JacksonConfigurator.configureObjectMapper(new ObjectMapper());

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return MAPPER;
    }
  }
}
