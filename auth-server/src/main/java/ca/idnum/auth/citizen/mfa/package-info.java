/**
 * Second authenticators of a citizen account: TOTP (RFC 6238) with single-use recovery codes, and
 * passkeys (WebAuthn, through webauthn4j). Enrolling or removing one requires a fresh password
 * confirmation; the citizen is notified and an audit event is recorded. The step-up pages add the
 * factor to the citizen's session ({@link
 * org.springframework.security.core.authority.FactorGrantedAuthority}), from which the level of
 * assurance is derived.
 */
package ca.idnum.auth.citizen.mfa;
