// panva/openid-client (OpenID certified RP library) against the IdNum provider: after the code flow
// (client_secret_basic, PKCE), the client's back end exchanges the access token (RFC 8693) for one
// restricted to a downstream API and scope (genericGrantRequest), then introspects it (RFC 7662).
// Inputs (env): ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, USERNAME, PASSWORD, AUDIENCE.
// Output: one JSON line with what the relying party got.
import * as client from 'openid-client';
import { Browser } from './browser.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`missing ${name}`);
  return value;
};

const config = await client.discovery(
  new URL(env('ISSUER')),
  env('CLIENT_ID'),
  { id_token_signed_response_alg: 'RS256' },
  client.ClientSecretBasic(env('CLIENT_SECRET')),
  { execute: [client.allowInsecureRequests] },
);

const codeVerifier = client.randomPKCECodeVerifier();
const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
const nonce = client.randomNonce();
const state = client.randomState();
const authorizationUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: env('REDIRECT_URI'),
  scope: 'openid profile email',
  code_challenge: codeChallenge,
  code_challenge_method: 'S256',
  nonce,
  state,
});
const callback = await new Browser().untilCallback(
  authorizationUrl.href, env('REDIRECT_URI'), env('USERNAME'), env('PASSWORD'));
const tokens = await client.authorizationCodeGrant(config, callback, {
  pkceCodeVerifier: codeVerifier,
  expectedNonce: nonce,
  expectedState: state,
  idTokenExpected: true,
});

const exchanged = await client.genericGrantRequest(
  config,
  'urn:ietf:params:oauth:grant-type:token-exchange',
  {
    subject_token: tokens.access_token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    audience: env('AUDIENCE'),
    scope: 'profile',
  },
);
const introspection = await client.tokenIntrospection(config, exchanged.access_token);

let refused;
try {
  await client.genericGrantRequest(
    config,
    'urn:ietf:params:oauth:grant-type:token-exchange',
    {
      subject_token: tokens.access_token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'urn:idnum:api:not-registered',
    },
  );
} catch (e) {
  refused = e.error ?? e.code ?? String(e);
}

console.log(JSON.stringify({
  sub: tokens.claims().sub,
  subject_token: tokens.access_token,
  access_token: exchanged.access_token,
  issued_token_type: exchanged.issued_token_type,
  token_type: exchanged.token_type,
  scope: exchanged.scope,
  has_refresh_token: Boolean(exchanged.refresh_token),
  has_id_token: Boolean(exchanged.id_token),
  introspection,
  refused,
}));
