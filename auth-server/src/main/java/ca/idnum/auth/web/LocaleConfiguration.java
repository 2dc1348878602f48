package ca.idnum.auth.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Language: French by default; {@code ?lang=en} (or {@code ?lang=fr}) on any page switches and the
 * choice is kept in a cookie. The bean must be named {@code localeResolver} for Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
public class LocaleConfiguration implements WebMvcConfigurer {

  /** The query parameter that switches language. */
  public static final String PARAMETER = "lang";

  @Bean
  LocaleResolver localeResolver(@Value("${idnum.web.hsts:false}") boolean secureCookie) {
    return new BilingualLocaleResolver(secureCookie);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
    interceptor.setParamName(PARAMETER);
    interceptor.setIgnoreInvalidLocale(true);
    registry.addInterceptor(interceptor);
  }
}
