package org.fanzha.server.system;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Chinese first, English second: {@code ?lang=en} or {@code ?lang=zh-CN} switches and is remembered
 * in a cookie.
 */
@Configuration
class WebConfig implements WebMvcConfigurer {

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver r = new CookieLocaleResolver("fanzha-lang");
    r.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
    r.setCookieMaxAge(Duration.ofDays(365));
    return r;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
    lang.setParamName("lang");
    lang.setIgnoreInvalidLocale(true);
    // Not on the API: reading a request parameter would consume a form-encoded body before intake
    // reads it.
    registry.addInterceptor(lang).excludePathPatterns("/api/**");
  }
}
