/**
 * IETF Token Status List (draft-ietf-oauth-status-list-21): the compressed status list (§4.1,
 * §4.2), the Status List Token in JWT format (§5.1), the {@code status.status_list} reference of a
 * Referenced Token (§6.2), the Status Types (§7), the Relying Party's validation rules (§8.3) and a
 * cache that honours {@code ttl} and {@code exp} (§13.7, §11.5).
 *
 * <p>Entry points: {@link ca.idnum.sdk.statuslist.StatusListBuilder} and {@link
 * ca.idnum.sdk.statuslist.StatusListTokenIssuer} for a Status Issuer, {@link
 * ca.idnum.sdk.statuslist.StatusListReference} for reading a Referenced Token, {@link
 * ca.idnum.sdk.statuslist.StatusListTokenVerifier} and {@link
 * ca.idnum.sdk.statuslist.StatusListCache} for a Relying Party. Every failure on untrusted input is
 * a {@link ca.idnum.sdk.statuslist.StatusListException} carrying one {@link
 * ca.idnum.sdk.statuslist.StatusListError} of a closed set.
 */
package ca.idnum.sdk.statuslist;
