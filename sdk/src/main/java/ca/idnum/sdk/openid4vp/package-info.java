/**
 * OpenID for Verifiable Presentations 1.0 with DCQL and SD-JWT VCs, HAIP 1.0 profile: {@link
 * ca.idnum.sdk.openid4vp.VerifierClient} for a relying body's back end calling the IdNum verifier
 * service, {@link ca.idnum.sdk.openid4vp.HolderPresenter} and {@link
 * ca.idnum.sdk.openid4vp.RequestObjectVerifier} for wallet apps (signed request objects with {@code
 * x509_hash} or {@code x509_san_dns} client identifiers, key-bound presentations, encrypted {@code
 * direct_post.jwt} responses). No Spring.
 */
package ca.idnum.sdk.openid4vp;
