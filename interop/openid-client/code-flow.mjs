// panva/openid-client (OpenID certified RP library) against the IdNum provider: discovery,
// authorization code flow with PKCE (client_secret_basic), ID token validation, userinfo.
// Inputs (env): ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, USERNAME, PASSWORD.
// Output: one JSON line with what the relying party learned.
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
  { id_token_signed_response_alg: process.env.ID_TOKEN_ALG ?? 'RS256' },
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
const claims = tokens.claims();
const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);

console.log(JSON.stringify({
  issuer: config.serverMetadata().issuer,
  sub: claims.sub,
  acr: claims.acr,
  amr: claims.amr,
  auth_time: claims.auth_time,
  iss_in_callback: callback.searchParams.get('iss'),
  userinfo,
  refreshed: Boolean(refreshed.access_token && refreshed.refresh_token !== tokens.refresh_token),
}));
