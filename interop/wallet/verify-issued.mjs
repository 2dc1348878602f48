// Verifies SD-JWT VCs issued by IdNum's wallet-api with @sd-jwt/sd-jwt-vc 0.19.0, an independent
// implementation, over real HTTP: the issuer key is taken from the issuer's
// /.well-known/jwt-vc-issuer metadata and must equal the key of the x5c certificate; the library
// then checks the signature, the disclosures, the status list (fetched from the status_list uri,
// signed by the same key) and fetches and validates the type metadata at the vct URL.
// Input on stdin: { cases: [{ name, credential, jwtVcIssuerUrl }] }.
// Output: { results: [{ name, ok, payload, typeMetadataName, error }] }.
import { X509Certificate } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest } from '@sd-jwt/crypto-nodejs';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function header(compact) {
  const jwt = compact.split('~')[0];
  return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
}

async function verify(c) {
  const response = await fetch(c.jwtVcIssuerUrl);
  if (!response.ok) throw new Error(`jwt-vc-issuer metadata: HTTP ${response.status}`);
  const metadata = await response.json();
  // after a key rotation the metadata holds several keys: pick the one the credential names
  const kid = header(c.credential).kid;
  const jwk = kid ? metadata.jwks.keys.find((k) => k.kid === kid) : metadata.jwks.keys[0];
  if (!jwk) throw new Error('no metadata key with the credential kid');
  const x5c = header(c.credential).x5c;
  if (!x5c || x5c.length === 0) throw new Error('no x5c header');
  const certKey = new X509Certificate(Buffer.from(x5c[0], 'base64')).publicKey.export({ format: 'jwk' });
  if (certKey.x !== jwk.x || certKey.y !== jwk.y) throw new Error('x5c key differs from the metadata key');
  const sdjwt = new SDJwtVcInstance({
    hasher: digest,
    verifier: await ES256.getVerifier({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }),
    loadTypeMetadataFormat: true,
  });
  const result = await sdjwt.verify(c.credential);
  if (result.payload.iss !== metadata.issuer) throw new Error('iss is not the metadata issuer');
  return { payload: result.payload, typeMetadataName: result.typeMetadata?.mergedTypeMetadata?.name ?? null };
}

const input = await readStdin();
const results = [];
for (const c of input.cases) {
  try {
    results.push({ name: c.name, ok: true, ...(await verify(c)) });
  } catch (e) {
    results.push({ name: c.name, ok: false, error: String(e?.message ?? e) });
  }
}
process.stdout.write(JSON.stringify({ results }));
