/**
 * Selective Disclosure for JWTs (SD-JWT, RFC 9901): {@link ca.idnum.sdk.sdjwt.SdJwtIssuer} (§4,
 * §5.1), {@link ca.idnum.sdk.sdjwt.SdJwtHolder} (§7.2, §4.3) and {@link
 * ca.idnum.sdk.sdjwt.SdJwtVerifier} (§7.1, §7.3); compact serialization (§4) and JWS JSON
 * Serialization ({@link ca.idnum.sdk.sdjwt.SdJwtJson}, §8).
 */
package ca.idnum.sdk.sdjwt;
