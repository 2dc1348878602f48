/**
 * Authoritative identity registers of public bodies, reached for identity proofing: the HTTP
 * contract ({@link ca.idnum.auth.citizen.proofing.register.HttpIdentityRegister}, documented in
 * {@code docs/identity-proofing.md}), its client (timeouts, retries within a time budget, a circuit
 * breaker) and the demo register of the embedded default.
 */
package ca.idnum.auth.citizen.proofing.register;
