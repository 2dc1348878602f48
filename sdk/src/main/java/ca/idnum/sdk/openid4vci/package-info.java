/**
 * A holder-side OpenID4VCI 1.0 client for wallet apps: credential offers (by value, by reference,
 * deep links), Credential Issuer and authorization server metadata, the pre-authorized code token
 * request with DPoP (RFC 9449), the nonce endpoint, {@code jwt} key proofs and (batch) credential
 * requests. Plain Java: the JDK HTTP client and Nimbus JOSE+JWT.
 */
package ca.idnum.sdk.openid4vci;
