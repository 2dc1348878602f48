package ca.idnum.auth.oidc.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI description of the admin API, served at {@code /admin/api-docs}. */
@Configuration(proxyBeanMethods = false)
public class AdminOpenApiConfig {

  @Bean
  OpenAPI idnumAdminOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("IdNum auth-server admin API")
                .version("1")
                .description(
                    "Registration of public bodies as OpenID Connect clients and signing key"
                        + " rotation. Bearer access token of the admin client (client_credentials,"
                        + " scope idnum:admin)."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "admin-token",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")));
  }
}
