// Issues an SD-JWT in General JWS JSON Serialization (RFC 9901 §8.3) with @sd-jwt/core's
// SDJwtGeneralJSONInstance, signed by one or more issuer keys, and presents it with Key Binding.
// Case: { name, issuers: [{ privateJwk, kid, kidPlacement: 'protected' | 'both' }],
//         holderPrivateJwk, claims, disclosureFrame, presentationFrame, kb: {aud, nonce, iat} }.
// Result: { issued, presentation, flattenedPresentation } as JSON documents (strings);
// flattenedPresentation (FlattenJSON) only when there is one signature.
import { FlattenJSON, SDJwtGeneralJSONInstance } from '@sd-jwt/core';
import { algOf, hasher, runCases, saltGenerator } from './common.mjs';

await runCases(async (c) => {
  const holderAlg = algOf(c.holderPrivateJwk);
  const sdjwt = new SDJwtGeneralJSONInstance({
    hasher,
    saltGenerator,
    kbSigner: await holderAlg.getSigner(c.holderPrivateJwk),
    kbSignAlg: holderAlg.alg,
  });
  const sigs = [];
  for (const i of c.issuers) {
    const alg = algOf(i.privateJwk);
    const signer = await alg.getSigner(i.privateJwk);
    // 'both' is the library's own way (kid protected and unprotected); 'protected' keeps it
    // protected only, as RFC 7515 §7.2.1 requires the two headers to be disjoint.
    sigs.push(
      i.kidPlacement === 'both'
        ? { signer, alg: alg.alg, kid: i.kid }
        : { signer, alg: alg.alg, kid: undefined, header: { kid: i.kid } },
    );
  }
  const issued = await sdjwt.issue(c.claims, c.disclosureFrame, { sigs });
  const presented = await sdjwt.present(issued, c.presentationFrame, {
    kb: { payload: { iat: c.kb.iat, aud: c.kb.aud, nonce: c.kb.nonce } },
  });
  const result = {
    issued: JSON.stringify(issued.toJson()),
    presentation: JSON.stringify(presented.toJson()),
  };
  if (presented.signatures.length === 1) {
    result.flattenedPresentation = JSON.stringify(
      FlattenJSON.fromEncode(presented.toEncoded(0)).toJson(),
    );
  }
  return result;
});
