package ca.idnum.auth.citizen.account;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.PostalAddress;
import java.time.Instant;
import java.util.Optional;

/** Durable storage of citizen accounts (PostgreSQL, or H2 on the embedded default). */
public interface CitizenAccountRepository {

  Optional<CitizenAccount> findById(CitizenId id);

  /** By normalised address. */
  Optional<CitizenAccount> findByEmail(EmailAddress email);

  /**
   * Stores a new account; returns false (and changes nothing) when an account with the same
   * normalised address already exists.
   */
  boolean create(CitizenAccount account);

  /** Replaces the password hash; returns false when there is no such account. */
  boolean updatePasswordHash(CitizenId id, String passwordHash, Instant now);

  /** Replaces (or, when empty, removes) the postal address; false when there is no such account. */
  boolean updateAddress(CitizenId id, Optional<PostalAddress> address, Instant now);
}
