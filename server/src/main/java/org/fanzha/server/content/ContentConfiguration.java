package org.fanzha.server.content;

import org.fanzha.core.content.ContentClassifier;
import org.fanzha.text.TextClassifiers;
import org.fanzha.text.url.UrlRiskAnalyzer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One shipped text model and URL analyser for the whole server: the engine's SMS scoring and the
 * classify API.
 */
@Configuration
class ContentConfiguration {

  @Bean
  ContentClassifier contentClassifier() {
    return TextClassifiers.loadDefault();
  }

  @Bean
  UrlRiskAnalyzer urlRiskAnalyzer() {
    return UrlRiskAnalyzer.withDefaults();
  }
}
