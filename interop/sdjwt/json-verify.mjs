// Verifies SD-JWTs in JWS JSON Serialization (RFC 9901 §8) made by IdNum with @sd-jwt/core:
// General form with SDJwtGeneralJSONInstance (every signature must verify), Flattened form through
// FlattenJSON to the compact form and SDJwtInstance.
// Case: { name, json (string), issuerPublicJwks: [jwk], kb: {aud, nonce} | null, now }.
// Result: { payload, kbPayload }.
import { FlattenJSON, GeneralJSON, SDJwtGeneralJSONInstance, SDJwtInstance } from '@sd-jwt/core';
import { algOf, hasher, kbVerifier, runCases } from './common.mjs';

// The library hands its verifier only the signing input and signature: accept a signature made by
// any of the trusted issuer keys.
async function anyKeyVerifier(jwks) {
  const verifiers = await Promise.all(jwks.map(async (j) => algOf(j).getVerifier(j)));
  return async (data, sig) => {
    for (const v of verifiers) {
      try {
        if (await v(data, sig)) return true;
      } catch {
        // not this key
      }
    }
    return false;
  };
}

await runCases(async (c) => {
  const verifier = await anyKeyVerifier(c.issuerPublicJwks);
  const json = JSON.parse(c.json);
  const options = { currentDate: c.now };
  if (c.kb) options.keyBindingNonce = c.kb.nonce;
  let result;
  if (Array.isArray(json.signatures)) {
    result = await new SDJwtGeneralJSONInstance({ hasher, verifier, kbVerifier }).verify(
      GeneralJSON.fromSerialized(json),
      options,
    );
  } else {
    result = await new SDJwtInstance({ hasher, verifier, kbVerifier }).verify(
      FlattenJSON.fromSerialized(json).toEncoded(),
      options,
    );
  }
  if (c.kb) {
    if (!result.kb) throw new Error('no key binding verified');
    if (result.kb.payload.aud !== c.kb.aud) throw new Error('aud mismatch');
  }
  return { payload: result.payload, kbPayload: result.kb?.payload ?? null };
});
