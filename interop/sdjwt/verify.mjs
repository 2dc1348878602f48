// Verifies SD-JWTs / SD-JWT VCs issued (and presented) by IdNum with @sd-jwt/core or
// @sd-jwt/sd-jwt-vc. Case: { name, token, issuerPublicJwk, vc, kb: {aud, nonce} | null, now }.
// Result: { payload, kbPayload } with the processed claims as the library sees them.
import { SDJwtInstance } from '@sd-jwt/core';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { algOf, hasher, kbVerifier, runCases } from './common.mjs';

await runCases(async (c) => {
  const alg = algOf(c.issuerPublicJwk);
  const config = {
    hasher,
    verifier: await alg.getVerifier(c.issuerPublicJwk),
    kbVerifier,
  };
  const sdjwt = c.vc ? new SDJwtVcInstance(config) : new SDJwtInstance(config);
  const options = { currentDate: c.now };
  if (c.kb) options.keyBindingNonce = c.kb.nonce;
  const result = await sdjwt.verify(c.token, options);
  if (c.kb) {
    if (!result.kb) throw new Error('no key binding verified');
    if (result.kb.payload.aud !== c.kb.aud) throw new Error('aud mismatch');
  }
  return { payload: result.payload, header: result.header, kbPayload: result.kb?.payload ?? null };
});
