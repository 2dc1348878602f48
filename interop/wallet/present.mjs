// An independent OpenID4VP holder: fetches the request object from request_uri and checks it with
// `jose` (typ oauth-authz-req+jwt, ES256 signature by the x5c leaf, client_id = x509_hash of that
// leaf), builds the presentation with @sd-jwt/core (only the disclosures of presentationFrame, a
// KB-JWT with aud = client_id and the request's nonce), encrypts the response with `jose`
// (ECDH-ES + A128GCM to client_metadata.jwks) and posts it to response_uri (direct_post.jwt).
// Case: { name, deepLink, credential, holderPrivateJwk, credentialQueryId, presentationFrame }.
// Result: { status, body } of the verifier's answer.
import { SDJwtInstance } from '@sd-jwt/core';
import { CompactEncrypt, decodeProtectedHeader, importJWK, importX509, jwtVerify } from 'jose';
import { createHash } from 'node:crypto';
import { algOf, hasher, runCases, saltGenerator } from '../sdjwt/common.mjs';

function pem(b64) {
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
}

await runCases(async (c) => {
  const link = new URL(c.deepLink);
  const clientId = link.searchParams.get('client_id');
  const requestUri = link.searchParams.get('request_uri');
  const jwt = await (await fetch(requestUri, { headers: { accept: 'application/oauth-authz-req+jwt' } })).text();
  const header = decodeProtectedHeader(jwt);
  const leaf = header.x5c[0];
  const { payload } = await jwtVerify(jwt, await importX509(pem(leaf), 'ES256'), {
    typ: 'oauth-authz-req+jwt',
  });
  const hash = createHash('sha256').update(Buffer.from(leaf, 'base64')).digest('base64url');
  if (payload.client_id !== clientId || clientId !== `x509_hash:${hash}`) {
    throw new Error('client_id is not bound to the certificate');
  }
  const holderAlg = algOf(c.holderPrivateJwk);
  const sdjwt = new SDJwtInstance({
    hasher,
    saltGenerator,
    kbSigner: await holderAlg.getSigner(c.holderPrivateJwk),
    kbSignAlg: holderAlg.alg,
  });
  const presentation = await sdjwt.present(c.credential, c.presentationFrame, {
    kb: { payload: { iat: Math.floor(Date.now() / 1000), aud: clientId, nonce: payload.nonce } },
  });
  const response = {
    vp_token: { [c.credentialQueryId]: [presentation] },
    state: payload.state,
  };
  const encKey = payload.client_metadata.jwks.keys[0];
  const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(response)))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128GCM', kid: encKey.kid })
    .encrypt(await importJWK(encKey, 'ECDH-ES'));
  const answer = await fetch(payload.response_uri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ response: jwe }),
  });
  return { status: answer.status, body: await answer.text() };
});
