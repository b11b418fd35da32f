package org.fanzha.server.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}). */
@Configuration
class OpenApiConfig {

  @Bean
  OpenAPI fanzhaOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Fanzha (反诈) API")
                .version("v1")
                .license(new License().name("see the repository"))
                .description(
                    """
            Event intake, real-time transfer decisions and entity risk look-up of the Fanzha anti-fraud platform.
            Events follow the NDJSON data contract of EVENTS.md (snake_case fields; phones, resident IDs, accounts,
            regions and money validated and normalised). Accepted means durable: an event is journaled (committed)
            before it is acknowledged, and the same id twice is processed once. Refused events are answered with
            HTTP 400 application/problem+json naming each event's position, id, field and reason, and are kept in
            a quarantine. In a batch with some bad events the good ones are accepted (see POST /api/v1/events)."""));
  }
}
