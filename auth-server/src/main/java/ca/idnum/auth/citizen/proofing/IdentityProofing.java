package ca.idnum.auth.citizen.proofing;

import ca.idnum.auth.citizen.CitizenId;
import ca.idnum.auth.citizen.proofing.register.IdentityRegister;
import ca.idnum.auth.citizen.proofing.register.MatchRequest;
import ca.idnum.auth.citizen.proofing.register.RegisterAnswer;
import ca.idnum.auth.citizen.proofing.register.RegisterUnavailableException;
import ca.idnum.server.audit.AuditEvent;
import ca.idnum.server.audit.AuditLog;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Identity proofing, once: matches what the citizen typed against the register; a match is stored
 * with its source and date (and becomes the account's names and birth date); a failed match counts
 * toward the lock; a register without a usable answer changes nothing. Audit events {@code
 * proofing.succeeded}, {@code proofing.failed} and {@code proofing.locked} (details hold reason
 * codes and the register id, never the attributes).
 */
public final class IdentityProofing {

  private final Optional<IdentityRegister> register;
  private final VerifiedIdentities identities;
  private final ProofingLock lock;
  private final String recordType;
  private final AuditLog audit;
  private final Clock clock;

  public IdentityProofing(
      Optional<IdentityRegister> register,
      VerifiedIdentities identities,
      ProofingLock lock,
      String recordType,
      AuditLog audit,
      Clock clock) {
    this.register = register;
    this.identities = identities;
    this.lock = lock;
    this.recordType = recordType;
    this.audit = audit;
    this.clock = clock;
  }

  /** The register's name, when one is configured. */
  public Optional<String> registerName() {
    return register.map(IdentityRegister::name);
  }

  public Optional<VerifiedIdentity> verified(CitizenId citizen) {
    return identities.find(citizen);
  }

  public Optional<java.time.Instant> lockedUntil(CitizenId citizen) {
    return lock.lockedUntil(citizen);
  }

  public ProofingOutcome prove(CitizenId citizen, MatchRequest request) {
    Optional<VerifiedIdentity> existing = identities.find(citizen);
    if (existing.isPresent()) {
      return new ProofingOutcome.AlreadyVerified(existing.get());
    }
    Optional<java.time.Instant> locked = lock.lockedUntil(citizen);
    if (locked.isPresent()) {
      record("proofing.failed", citizen, Map.of("reason", "locked"));
      return new ProofingOutcome.Locked(locked.get());
    }
    if (register.isEmpty()) {
      record("proofing.failed", citizen, Map.of("reason", "no_register"));
      return new ProofingOutcome.RegisterUnavailable();
    }
    IdentityRegister source = register.get();
    RegisterAnswer answer;
    try {
      answer = source.match(request);
    } catch (RegisterUnavailableException e) {
      record(
          "proofing.failed",
          citizen,
          Map.of(
              "reason", "register_unavailable",
              "register", source.id(),
              "cause", e.reason().name().toLowerCase(java.util.Locale.ROOT)));
      return new ProofingOutcome.RegisterUnavailable();
    }
    if (answer instanceof RegisterAnswer.Match match) {
      return store(citizen, source, request, match);
    }
    return notMatched(citizen, source, request, "no_match");
  }

  private ProofingOutcome notMatched(
      CitizenId citizen, IdentityRegister source, MatchRequest request, String reason) {
    Optional<Integer> left = lock.recordFailure(citizen);
    record(
        "proofing.failed",
        citizen,
        Map.of(
            "reason", reason,
            "register", source.id(),
            "document", request.documentType().claim()));
    if (left.isEmpty()) {
      java.time.Instant until = lock.lockedUntil(citizen).orElse(clock.instant());
      record("proofing.locked", citizen, Map.of("until", until.toString()));
      return new ProofingOutcome.Locked(until);
    }
    return new ProofingOutcome.NotMatched(left.get());
  }

  private ProofingOutcome store(
      CitizenId citizen, IdentityRegister source, MatchRequest request, RegisterAnswer.Match m) {
    VerifiedIdentity identity =
        new VerifiedIdentity(
            citizen,
            m.givenName(),
            m.familyName(),
            m.birthdate(),
            m.documents(),
            source.id(),
            source.name(),
            recordType,
            m.transaction(),
            clock.instant());
    return switch (identities.save(identity)) {
      case SAVED -> {
        lock.clear(citizen);
        record(
            "proofing.succeeded",
            citizen,
            Map.of("register", source.id(), "document", request.documentType().claim()));
        yield new ProofingOutcome.Verified(identity);
      }
      case ALREADY_VERIFIED ->
          new ProofingOutcome.AlreadyVerified(identities.find(citizen).orElseThrow());
      case DOCUMENT_IN_USE -> {
        // counts toward the lock like a failed match, so that the answer cannot be used to probe
        // which identities already have an account
        ProofingOutcome outcome = notMatched(citizen, source, request, "identity_in_use");
        yield outcome instanceof ProofingOutcome.Locked
            ? outcome
            : new ProofingOutcome.IdentityInUse();
      }
    };
  }

  private void record(String type, CitizenId citizen, Map<String, String> details) {
    audit.record(new AuditEvent(type, clock.instant(), citizen.toString(), null, details));
  }
}
