// Issues an SD-JWT (or SD-JWT VC) and presents it with @sd-jwt/core / @sd-jwt/sd-jwt-vc.
// Case: { name, issuerPrivateJwk, kid, claims, disclosureFrame, presentationFrame, vc,
//         kb: {aud, nonce, iat} | null }. Result: { issued, presentation }.
import { SDJwtInstance } from '@sd-jwt/core';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { algOf, hasher, runCases, saltGenerator } from './common.mjs';

await runCases(async (c) => {
  const alg = algOf(c.issuerPrivateJwk);
  const config = {
    hasher,
    saltGenerator,
    hashAlg: c.hashAlg ?? 'sha-256',
    signer: await alg.getSigner(c.issuerPrivateJwk),
    signAlg: alg.alg,
  };
  if (c.holderPrivateJwk) {
    const holderAlg = algOf(c.holderPrivateJwk);
    config.kbSigner = await holderAlg.getSigner(c.holderPrivateJwk);
    config.kbSignAlg = holderAlg.alg;
  }
  const sdjwt = c.vc ? new SDJwtVcInstance(config) : new SDJwtInstance(config);
  const issued = await sdjwt.issue(c.claims, c.disclosureFrame, {
    header: c.kid ? { kid: c.kid } : {},
  });
  const options = c.kb ? { kb: { payload: { iat: c.kb.iat, aud: c.kb.aud, nonce: c.kb.nonce } } } : {};
  const presentation = await sdjwt.present(issued, c.presentationFrame, options);
  return { issued, presentation };
});
