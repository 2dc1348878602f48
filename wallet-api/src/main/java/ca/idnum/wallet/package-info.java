/**
 * wallet-api: OpenID4VCI 1.0 credential issuance by public bodies (one Credential Issuer per body),
 * SD-JWT VC type metadata, Token Status Lists and the issuer admin API.
 */
package ca.idnum.wallet;
