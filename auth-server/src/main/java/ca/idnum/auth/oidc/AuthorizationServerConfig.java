package ca.idnum.auth.oidc;

import ca.idnum.auth.assurance.AssuranceLevels;
import ca.idnum.auth.assurance.AssurancePolicy;
import ca.idnum.auth.assurance.UnmetRequirementsValidator;
import ca.idnum.auth.citizen.CitizenDirectory;
import ca.idnum.auth.citizen.proofing.ProofingProperties;
import ca.idnum.auth.citizen.proofing.VerifiedClaims;
import ca.idnum.auth.citizen.proofing.VerifiedClaimsUserInfo;
import ca.idnum.auth.mandate.ActFor;
import ca.idnum.auth.mandate.ActForFilter;
import ca.idnum.auth.mandate.ClientDelegation;
import ca.idnum.auth.mandate.DelegatedAuthorizations;
import ca.idnum.auth.mandate.Mandates;
import ca.idnum.auth.mandate.OrganisationDelegations;
import ca.idnum.auth.oidc.client.ClientAssertionDecoderFactory;
import ca.idnum.auth.oidc.client.ClientSecrets;
import ca.idnum.auth.oidc.client.ExactRedirectUri;
import ca.idnum.auth.oidc.client.IdnumRegisteredClients;
import ca.idnum.auth.oidc.client.JdbcOidcClients;
import ca.idnum.auth.oidc.consent.JdbcConsents;
import ca.idnum.auth.oidc.consent.ScopeCatalog;
import ca.idnum.auth.oidc.dpop.DPoPNonces;
import ca.idnum.auth.oidc.dpop.DPoPPolicyFilter;
import ca.idnum.auth.oidc.exchange.ExchangedTokenCustomizer;
import ca.idnum.auth.oidc.exchange.TokenExchangeConverter;
import ca.idnum.auth.oidc.exchange.TokenExchangeProvider;
import ca.idnum.auth.oidc.keys.KeyRingJwtEncoder;
import ca.idnum.auth.oidc.keys.SigningKeys;
import ca.idnum.auth.oidc.pairwise.PairwiseSubjects;
import ca.idnum.auth.oidc.token.CitizenUserInfo;
import ca.idnum.auth.oidc.token.ClientCredentialsTokens;
import ca.idnum.auth.oidc.token.ClockedAuthorizationCodeGenerator;
import ca.idnum.auth.oidc.token.ConsentWithdrawals;
import ca.idnum.auth.oidc.token.IdnumTokenCustomizer;
import ca.idnum.auth.oidc.token.LevelOfAssurance;
import ca.idnum.auth.oidc.token.RotatingRefreshTokenGenerator;
import ca.idnum.auth.oidc.token.StoreAuthorizationService;
import ca.idnum.auth.oidc.web.AuthorizationRequestPolicyFilter;
import ca.idnum.auth.oidc.web.AuthorizationResponses;
import ca.idnum.auth.oidc.web.FailClosedFilter;
import ca.idnum.auth.oidc.web.PublicMetadataFilter;
import ca.idnum.auth.oidc.web.RequestSizeLimitFilter;
import ca.idnum.auth.session.SessionLogoutHandler;
import ca.idnum.auth.session.SessionTokenRecorder;
import ca.idnum.auth.web.LoginPageInPlace;
import ca.idnum.auth.web.SecurityHeaders;
import ca.idnum.server.audit.AuditLog;
import ca.idnum.server.store.ShortLivedStore;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The OpenID Provider on Spring Authorization Server: its security filter chain (order 1, only the
 * authorization-server endpoints), and the beans it runs on (database clients, short-lived-store
 * authorizations, JDBC consents, encrypted rotating signing keys, pairwise subjects).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
public class AuthorizationServerConfig {

  /** Signature algorithms for ID tokens and client assertions. */
  static final List<String> SIGNING_ALGS = List.of("RS256", "PS256", "ES256");

  @Bean
  Clock oidcClock() {
    return Clock.systemUTC();
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(@Value("${idnum.issuer}") String issuer) {
    return AuthorizationServerSettings.builder().issuer(issuer).build();
  }

  @Bean
  IdnumRegisteredClients registeredClientRepository(
      JdbcOidcClients clients, OidcProperties properties, Clock oidcClock) {
    return new IdnumRegisteredClients(clients, properties, oidcClock);
  }

  /**
   * Authorizations in the short-lived store, except {@code client_credentials} ones: their access
   * tokens are self-contained JWTs, verified on introspection, with a revocation list in the store.
   */
  @Bean
  OAuth2AuthorizationService authorizationService(
      ShortLivedStore store,
      Clock oidcClock,
      JwtDecoder jwtDecoder,
      IdnumRegisteredClients registeredClientRepository,
      ConsentWithdrawals consentWithdrawals,
      Mandates mandates,
      OrganisationDelegations organisations) {
    // delegated sessions (mandates) wrap the store: marked on save, checked on every lookup
    return new DelegatedAuthorizations(
        new StoreAuthorizationService(
            store,
            oidcClock,
            new ClientCredentialsTokens(jwtDecoder, registeredClientRepository, store, oidcClock),
            consentWithdrawals),
        d ->
            d.organisation()
                ? organisations.represents(d.grant(), d.mandatary())
                : mandates.inForce(d),
        mandates::find);
  }

  /** Withdrawn consents void what the client already obtained (kept as long as a token lives). */
  @Bean
  ConsentWithdrawals consentWithdrawals(
      ShortLivedStore store, Clock oidcClock, OidcProperties properties) {
    Duration longest = properties.refreshAbsoluteTtl();
    for (Duration d :
        List.of(
            properties.refreshTokenTtl(), properties.accessTokenTtl(), properties.idTokenTtl())) {
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    return new ConsentWithdrawals(store, oidcClock, longest);
  }

  @Bean
  JdbcConsents authorizationConsentService(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      IdnumRegisteredClients clients,
      Clock oidcClock,
      AuditLog auditLog) {
    return new JdbcConsents(jdbc, transactions, clients, oidcClock, auditLog);
  }

  /** Every published key (JWKS, verification of this server's own tokens). */
  @Bean
  JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
    return (selector, context) -> selector.select(keys.ring().publishedSet());
  }

  /** Signs with the one active key per algorithm. */
  @Bean
  JwtEncoder jwtEncoder(SigningKeys keys) {
    return new KeyRingJwtEncoder(keys::ring);
  }

  /**
   * Verifies this server's access tokens (userinfo): signature by a published key, {@code typ}
   * {@code at+jwt}, issuer, lifetime.
   */
  @Bean
  JwtDecoder jwtDecoder(
      JWKSource<SecurityContext> jwkSource, AuthorizationServerSettings settings) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256), jwkSource));
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            new JwtTimestampValidator(), new JwtIssuerValidator(settings.getIssuer())));
    return decoder;
  }

  @Bean
  IdnumTokenCustomizer idnumTokenCustomizer(
      PairwiseSubjects pairwise,
      OidcProperties properties,
      Clock oidcClock,
      AssuranceLevels assuranceLevels) {
    return new IdnumTokenCustomizer(pairwise, properties, oidcClock, assuranceLevels);
  }

  /**
   * JWTs are shaped by {@link IdnumTokenCustomizer} first, then by every other {@code
   * OAuth2TokenCustomizer<JwtEncodingContext>} bean (feature contributions such as verified
   * claims), in bean order, then for an exchanged token by {@link ExchangedTokenCustomizer} (what
   * the exchange decided wins), and last by the audit recorder.
   */
  @Bean
  OAuth2TokenGenerator<?> tokenGenerator(
      JwtEncoder jwtEncoder,
      IdnumTokenCustomizer customizer,
      ObjectProvider<OAuth2TokenCustomizer<JwtEncodingContext>> contributions,
      SessionTokenRecorder sessionTokens,
      Clock oidcClock) {
    JwtGenerator jwtGenerator = new JwtGenerator(jwtEncoder);
    List<OAuth2TokenCustomizer<JwtEncodingContext>> extra =
        contributions.orderedStream().filter(c -> c != customizer && c != sessionTokens).toList();
    ExchangedTokenCustomizer exchanged = new ExchangedTokenCustomizer();
    jwtGenerator.setJwtCustomizer(
        context -> {
          customizer.customize(context);
          extra.forEach(c -> c.customize(context));
          exchanged.customize(context);
          sessionTokens.customize(context);
        });
    jwtGenerator.setClock(oidcClock);
    return new DelegatingOAuth2TokenGenerator(
        jwtGenerator, new RotatingRefreshTokenGenerator(oidcClock));
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> idnumRequestSizeLimitFilter(
      @Value("${server.tomcat.max-http-form-post-size:64KB}")
          org.springframework.util.unit.DataSize limit) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestSizeLimitFilter(limit.toBytes()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<FailClosedFilter> idnumFailClosedFilter() {
    FilterRegistrationBean<FailClosedFilter> registration =
        new FilterRegistrationBean<>(new FailClosedFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @Bean
  FilterRegistrationBean<PublicMetadataFilter> idnumPublicMetadataFilter(SigningKeys keys) {
    FilterRegistrationBean<PublicMetadataFilter> registration =
        new FilterRegistrationBean<>(new PublicMetadataFilter(keys));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerSecurityFilterChain(
      HttpSecurity http,
      IdnumRegisteredClients clients,
      ShortLivedStore store,
      DPoPNonces nonces,
      OidcProperties properties,
      AuthorizationServerSettings settings,
      OAuth2TokenGenerator<?> tokenGenerator,
      CitizenDirectory citizens,
      OAuth2AuthorizationService authorizations,
      VerifiedClaimsUserInfo verifiedClaims,
      ProofingProperties proofing,
      AssurancePolicy assurancePolicy,
      AssuranceLevels assuranceLevels,
      UnmetRequirementsValidator unmetRequirements,
      Clock oidcClock,
      SessionLogoutHandler sessionLogoutHandler,
      AuditLog auditLog,
      ClientDelegation clientDelegation,
      Mandates mandates,
      OrganisationDelegations organisations,
      @Value("${idnum.web.hsts:false}") boolean hsts)
      throws Exception {
    // RP-initiated logout ends the citizen session everywhere (back-channel logout to the others)
    OidcLogoutAuthenticationSuccessHandler logoutResponses =
        new OidcLogoutAuthenticationSuccessHandler();
    SecurityContextLogoutHandler contextLogout = new SecurityContextLogoutHandler();
    logoutResponses.setLogoutHandler(
        (request, response, authentication) -> {
          if (authentication instanceof OidcLogoutAuthenticationToken logout
              && logout.isPrincipalAuthenticated()) {
            sessionLogoutHandler.logout(request, response, authentication);
            contextLogout.logout(request, response, (Authentication) logout.getPrincipal());
          }
        });
    String issuer = settings.getIssuer();
    AuthorizationResponses responses = new AuthorizationResponses(issuer);
    ClockedAuthorizationCodeGenerator codes = new ClockedAuthorizationCodeGenerator(oidcClock);
    ClientSecrets secrets = new ClientSecrets();
    ClientAssertionDecoderFactory assertions = new ClientAssertionDecoderFactory(store, oidcClock);
    http.oauth2AuthorizationServer(
        as -> {
          http.securityMatcher(as.getEndpointsMatcher());
          as.tokenGenerator(tokenGenerator)
              // RFC 8693 token exchange under this provider's rules (see TokenExchangeProvider)
              .tokenEndpoint(
                  token ->
                      token
                          .accessTokenRequestConverter(new TokenExchangeConverter())
                          .authenticationProvider(
                              new TokenExchangeProvider(
                                  authorizations, tokenGenerator, auditLog, oidcClock))
                          .authenticationProviders(
                              providers ->
                                  providers.removeIf(
                                      p -> p instanceof OAuth2TokenExchangeAuthenticationProvider)))
              .authorizationEndpoint(
                  endpoint ->
                      endpoint
                          .consentPage("/oauth2/consent")
                          .authorizationResponseHandler(responses)
                          .errorResponseHandler(responses)
                          .authenticationProviders(
                              providers ->
                                  providers.forEach(
                                      provider -> {
                                        if (provider
                                            instanceof
                                            OAuth2AuthorizationCodeRequestAuthenticationProvider
                                                p) {
                                          p.setAuthorizationCodeGenerator(codes);
                                          p.setAuthorizationConsentRequired(ActFor.consentPolicy());
                                          p.setAuthenticationValidator(
                                              ExactRedirectUri.validator()
                                                  .andThen(unmetRequirements));
                                        }
                                        if (provider
                                            instanceof
                                            OAuth2AuthorizationConsentAuthenticationProvider p) {
                                          p.setAuthorizationCodeGenerator(codes);
                                        }
                                      })))
              .pushedAuthorizationRequestEndpoint(
                  par ->
                      par.authenticationProviders(
                          providers ->
                              providers.forEach(
                                  provider -> {
                                    if (provider
                                        instanceof
                                        OAuth2PushedAuthorizationRequestAuthenticationProvider p) {
                                      p.setAuthenticationValidator(ExactRedirectUri.validator());
                                    }
                                  })))
              .clientAuthentication(
                  authentication ->
                      authentication.authenticationProviders(
                          providers ->
                              providers.forEach(
                                  provider -> {
                                    if (provider instanceof ClientSecretAuthenticationProvider p) {
                                      p.setPasswordEncoder(secrets);
                                    }
                                    if (provider
                                        instanceof JwtClientAssertionAuthenticationProvider p) {
                                      p.setJwtDecoderFactory(assertions);
                                    }
                                  })))
              .authorizationServerMetadataEndpoint(
                  metadata ->
                      metadata.authorizationServerMetadataCustomizer(b -> b.claims(this::metadata)))
              .oidc(
                  oidc ->
                      oidc.providerConfigurationEndpoint(
                              configuration ->
                                  configuration.providerConfigurationCustomizer(
                                      b ->
                                          b.claims(
                                              c -> {
                                                oidcMetadata(c);
                                                VerifiedClaims.discoveryMetadata(
                                                    c, proofing.register().recordType());
                                              })))
                          .logoutEndpoint(logout -> logout.logoutResponseHandler(logoutResponses))
                          .userInfoEndpoint(
                              userInfo ->
                                  userInfo.userInfoMapper(
                                      verifiedClaims.wrap(new CitizenUserInfo(citizens)))));
        });
    http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
        .exceptionHandling(
            exceptions ->
                exceptions.defaultAuthenticationEntryPointFor(
                    new LoginPageInPlace(), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
        // the login page can be this chain's answer (LoginPageInPlace): the pages' headers
        .headers(SecurityHeaders.pages(hsts))
        .oauth2ResourceServer(
            rs -> rs.jwt(Customizer.withDefaults()).dPoP(Customizer.withDefaults()))
        .addFilterAfter(
            new AuthorizationRequestPolicyFilter(
                clients, oidcClock, authorizations, assurancePolicy, assuranceLevels),
            SecurityContextHolderFilter.class)
        .addFilterAfter(
            new ActForFilter(clients, clientDelegation, mandates, organisations),
            AuthorizationRequestPolicyFilter.class)
        .addFilterBefore(
            new DPoPPolicyFilter(issuer, store, nonces, properties, authorizations),
            AuthorizationFilter.class);
    return http.build();
  }

  private void metadata(Map<String, Object> claims) {
    claims.put(
        "grant_types_supported",
        List.of(
            "authorization_code",
            "refresh_token",
            "client_credentials",
            AuthorizationGrantType.TOKEN_EXCHANGE.getValue()));
    claims.put("response_types_supported", List.of("code"));
    claims.put("response_modes_supported", List.of("query"));
    claims.put("code_challenge_methods_supported", List.of("S256"));
    claims.put(
        "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "private_key_jwt"));
    claims.put("token_endpoint_auth_signing_alg_values_supported", SIGNING_ALGS);
    claims.put(
        "introspection_endpoint_auth_methods_supported",
        List.of("client_secret_basic", "private_key_jwt"));
    claims.put(
        "revocation_endpoint_auth_methods_supported",
        List.of("client_secret_basic", "private_key_jwt"));
    claims.put("dpop_signing_alg_values_supported", List.of("RS256", "PS256", "ES256"));
    claims.put("authorization_response_iss_parameter_supported", true);
    claims.put("require_pushed_authorization_requests", false);
    claims.put("scopes_supported", List.copyOf(ScopeCatalog.citizenScopes()));
  }

  private void oidcMetadata(Map<String, Object> claims) {
    metadata(claims);
    claims.put("subject_types_supported", List.of("pairwise"));
    claims.put("id_token_signing_alg_values_supported", SIGNING_ALGS);
    claims.put("userinfo_signing_alg_values_supported", List.of());
    claims.remove("userinfo_signing_alg_values_supported");
    claims.put(
        "acr_values_supported",
        Arrays.stream(LevelOfAssurance.values()).map(LevelOfAssurance::uri).toList());
    claims.put("claims_supported", claimsSupported());
    // the claims parameter is read for an (essential) acr; other claims follow the scopes
    claims.put("claims_parameter_supported", true);
    claims.put("request_parameter_supported", false);
    claims.put("request_uri_parameter_supported", false);
    claims.put("ui_locales_supported", List.of("fr-CA", "en-CA"));
    // OpenID Connect Back-Channel Logout 1.0 (logout tokens always carry sid)
    claims.put("backchannel_logout_supported", true);
    claims.put("backchannel_logout_session_supported", true);
  }

  private static List<String> claimsSupported() {
    java.util.LinkedHashSet<String> all =
        new java.util.LinkedHashSet<>(
            List.of("iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "azp", "sid"));
    all.addAll(ScopeCatalog.allClaims());
    return List.copyOf(all);
  }
}
