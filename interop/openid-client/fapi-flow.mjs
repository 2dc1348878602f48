// panva/openid-client against a high-assurance client: private_key_jwt (ES256), PAR (RFC 9126),
// DPoP (RFC 9449) with the server's nonce, ID token validation, DPoP-bound userinfo.
// Inputs (env): ISSUER, CLIENT_ID, CLIENT_JWK (private JWK, JSON), REDIRECT_URI, USERNAME, PASSWORD.
import * as client from 'openid-client';
import { Browser } from './browser.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`missing ${name}`);
  return value;
};

const jwk = JSON.parse(env('CLIENT_JWK'));
const privateKey = await crypto.subtle.importKey(
  'jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);

const config = await client.discovery(
  new URL(env('ISSUER')),
  env('CLIENT_ID'),
  { id_token_signed_response_alg: 'ES256' },
  client.PrivateKeyJwt({ key: privateKey, kid: jwk.kid }),
  { execute: [client.allowInsecureRequests] },
);

const dpop = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));

async function withNonceRetry(operation) {
  try {
    return await operation();
  } catch (error) {
    if (error?.code === 'OAUTH_RESPONSE_BODY_ERROR' && error?.error === 'use_dpop_nonce') {
      return operation();
    }
    throw error;
  }
}

const codeVerifier = client.randomPKCECodeVerifier();
const nonce = client.randomNonce();
const state = client.randomState();
const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
// The pushed request carries a DPoP proof, which binds the authorization code to the DPoP key.
const authorizationUrl = await withNonceRetry(() => client.buildAuthorizationUrlWithPAR(config, {
  redirect_uri: env('REDIRECT_URI'),
  scope: 'openid profile email',
  code_challenge: codeChallenge,
  code_challenge_method: 'S256',
  nonce,
  state,
}, { DPoP: dpop }));

const callback = await new Browser().untilCallback(
  authorizationUrl.href, env('REDIRECT_URI'), env('USERNAME'), env('PASSWORD'));

const tokens = await withNonceRetry(() => client.authorizationCodeGrant(
  config, callback,
  { pkceCodeVerifier: codeVerifier, expectedNonce: nonce, expectedState: state, idTokenExpected: true },
  undefined, { DPoP: dpop }));
const claims = tokens.claims();
const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub, { DPoP: dpop });

console.log(JSON.stringify({
  sub: claims.sub,
  acr: claims.acr,
  token_type: tokens.token_type,
  par: authorizationUrl.searchParams.has('request_uri'),
  userinfo,
}));
