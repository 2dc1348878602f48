// Shared helpers for the SD-JWT interoperability scripts run by the Java tests (sdk module).
// Input is one JSON document on stdin; output is one JSON document on stdout.
import { ES256, ES384, digest, generateSalt } from '@sd-jwt/crypto-nodejs';

export const ALGS = { ES256, ES384 };

export async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function hasher(data, alg) {
  return digest(data, alg);
}

export const saltGenerator = generateSalt;

export function algOf(jwk) {
  if (jwk.crv === 'P-384') return ES384;
  return ES256;
}

// Verifies a KB-JWT with the holder key from the SD-JWT's cnf.jwk.
export async function kbVerifier(data, sig, payload) {
  const jwk = payload?.cnf?.jwk;
  if (!jwk) throw new Error('no cnf.jwk');
  return (await algOf(jwk).getVerifier(jwk))(data, sig);
}

export async function runCases(handler) {
  const input = await readStdin();
  const results = [];
  for (const c of input.cases) {
    try {
      results.push({ name: c.name, ok: true, ...(await handler(c)) });
    } catch (e) {
      results.push({ name: c.name, ok: false, error: String(e?.message ?? e) });
    }
  }
  process.stdout.write(JSON.stringify({ results }));
}
