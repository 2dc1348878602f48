/**
 * Issuer key resolution for SD-JWT verification (RFC 9901 §7.1 step 2 leaves it to the application;
 * SD-JWT VC draft §3.5 and §5 define {@code x5c} and {@code /.well-known/jwt-vc-issuer} metadata).
 */
package ca.idnum.sdk.trust;
