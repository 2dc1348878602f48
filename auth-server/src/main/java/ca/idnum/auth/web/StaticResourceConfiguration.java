package ca.idnum.auth.web;

import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The pages' stylesheet and scripts: {@code /css/**} and {@code /js/**} from {@code static/} on the
 * classpath, under content-hashed URLs ({@code /css/idnum-<md5>.css}, written into pages by {@code
 * th:href}/{@code th:src} through {@link ResourceUrlEncodingFilter}) cached for a year.
 *
 * <p>Only these two folders are mapped ({@code spring.web.resources.add-mappings} is off). With
 * Spring Boot's default {@code /**} mapping, the filter looked every other link of a page up on the
 * classpath ({@code /login}, {@code /logout}, ...), at every rendering, since a resource that is
 * not found is not cached: about 4 % of the server's CPU under a login load.
 */
@Configuration(proxyBeanMethods = false)
public class StaticResourceConfiguration implements WebMvcConfigurer {

  /** The folders under {@code static/} that pages link to. */
  private static final List<String> FOLDERS = List.of("css", "js");

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    for (String folder : FOLDERS) {
      registry
          .addResourceHandler("/" + folder + "/**")
          .addResourceLocations("classpath:/static/" + folder + "/")
          .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic())
          .resourceChain(true)
          .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }
  }

  /**
   * Also on forwards and error dispatches, which render pages too (the login page answering an
   * authorization request, {@link LoginPageInPlace}; the error page): a filter registered for
   * requests only is not in those dispatches' chains, and their pages linked {@code
   * /css/idnum.css}.
   */
  @Bean
  FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
    FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
        new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
    registration.setDispatcherTypes(
        DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR);
    return registration;
  }
}
