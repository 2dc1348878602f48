package ca.idnum.auth.oidc.client;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration use cases for clients (admin API, bootstrap): register, update, rotate the secret,
 * disable/enable. Generated secrets are returned once and stored only as a digest.
 */
@Service
public class ClientRegistrations {

  /** A registered client and, when one was just generated, its secret (shown once). */
  public record Registered(OidcClient client, Optional<String> secret) {}

  private final JdbcOidcClients clients;
  private final IdnumRegisteredClients registeredClients;
  private final Clock clock;

  public ClientRegistrations(
      JdbcOidcClients clients, IdnumRegisteredClients registeredClients, Clock oidcClock) {
    this.clients = clients;
    this.registeredClients = registeredClients;
    this.clock = oidcClock;
  }

  public Optional<OidcClient> find(String clientId) {
    return clients.findByClientId(clientId);
  }

  public List<OidcClient> list() {
    return clients.findAll();
  }

  /**
   * Registers a client described by {@code metadata}; for {@code client_secret_basic} a secret is
   * generated unless {@code presetSecret} is given (bootstrap from configuration).
   */
  @Transactional
  public Registered register(ClientMetadata metadata, Optional<String> presetSecret) {
    if (clients.findByClientId(metadata.clientId()).isPresent()) {
      throw new ClientRegistrationException("client_id already registered");
    }
    Instant now = clock.instant();
    Optional<String> secret =
        metadata.authMethod() == ClientAuthMethod.CLIENT_SECRET_BASIC
            ? Optional.of(presetSecret.orElseGet(ClientSecrets::generate))
            : Optional.empty();
    OidcClient client =
        metadata.toClient(
            UUID.randomUUID().toString(),
            secret.map(ClientSecrets::digest),
            secret.map(s -> now),
            true,
            now,
            now);
    clients.insert(client);
    return new Registered(client, presetSecret.isPresent() ? Optional.empty() : secret);
  }

  /** Replaces a client's metadata (its secret and state stay). */
  @Transactional
  public OidcClient update(String clientId, ClientMetadata metadata) {
    OidcClient current = require(clientId);
    if (!current.clientId().equals(metadata.clientId())) {
      throw new ClientRegistrationException("client_id cannot change");
    }
    if (metadata.authMethod() == ClientAuthMethod.CLIENT_SECRET_BASIC
        && current.secretDigest().isEmpty()) {
      throw new ClientRegistrationException(
          "switching to client_secret_basic needs a secret: rotate the secret after the update");
    }
    OidcClient updated =
        metadata.toClient(
            current.id(),
            metadata.authMethod() == ClientAuthMethod.CLIENT_SECRET_BASIC
                ? current.secretDigest()
                : Optional.empty(),
            metadata.authMethod() == ClientAuthMethod.CLIENT_SECRET_BASIC
                ? current.secretIssuedAt()
                : Optional.empty(),
            current.enabled(),
            current.createdAt(),
            clock.instant());
    clients.update(updated);
    registeredClients.evict(updated);
    return updated;
  }

  /** Generates a new secret (the old one stops working at once) and returns it. */
  @Transactional
  public String rotateSecret(String clientId) {
    String secret = ClientSecrets.generate();
    setSecret(clientId, secret);
    return secret;
  }

  /** Sets a secret chosen by configuration (bootstrap of the admin client). */
  @Transactional
  public void setSecret(String clientId, String secret) {
    OidcClient current = require(clientId);
    if (current.authMethod() != ClientAuthMethod.CLIENT_SECRET_BASIC) {
      throw new ClientRegistrationException("this client authenticates with private_key_jwt");
    }
    OidcClient updated = current.withSecretDigest(ClientSecrets.digest(secret), clock.instant());
    clients.update(updated);
    registeredClients.evict(updated);
  }

  @Transactional
  public OidcClient setEnabled(String clientId, boolean enabled) {
    OidcClient updated = require(clientId).withEnabled(enabled, clock.instant());
    clients.update(updated);
    registeredClients.evict(updated);
    return updated;
  }

  private OidcClient require(String clientId) {
    return clients
        .findByClientId(clientId)
        .orElseThrow(() -> new ClientRegistrationException.NotFound());
  }
}
