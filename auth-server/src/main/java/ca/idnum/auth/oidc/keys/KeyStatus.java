package ca.idnum.auth.oidc.keys;

/** Life cycle of a signing key: published before it signs, published after it stops signing. */
public enum KeyStatus {
  /** Published in the JWKS, not yet signing (the next key of its algorithm). */
  NEXT,
  /** Published and signing. */
  ACTIVE,
  /** No longer signing; published until every token it signed has expired. */
  RETIRED
}
