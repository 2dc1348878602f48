/**
 * The OpenID4VP 1.0 verifier service for relying public bodies (HAIP 1.0 profile): registry of
 * relying bodies with their access certificates and allowed claims, trusted issuers per {@code
 * vct}, transactions in the short-lived store, signed request objects, {@code direct_post} and
 * {@code direct_post.jwt} response endpoint, presentation verification and the relying body's API.
 */
package ca.idnum.wallet.verifier;
