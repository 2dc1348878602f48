/**
 * SD-JWT-based Verifiable Credentials (SD-JWT VC, draft-ietf-oauth-sd-jwt-vc): {@code typ} {@code
 * dc+sd-jwt}, required {@code vct}, holder binding in {@code cnf}, {@code status}, and the claims
 * that must never be selectively disclosable.
 */
package ca.idnum.sdk.sdjwtvc;
