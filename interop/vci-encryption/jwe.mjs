// The wallet side of OpenID4VCI 1.0 §10 (encrypted Credential Requests and Responses) written with
// panva's `jose`, an implementation independent of IdNum's (Nimbus), run by
// NodeCredentialEncryptionInteropTest.
// Input on stdin, one of:
//   { op: "encrypt", issuerJwk, enc, request }  -> { jwe, responsePrivateJwk }
//     encrypts `request` (plus a credential_response_encryption with a fresh ECDH-ES P-256 key made
//     here) to the issuer key taken from the Credential Issuer metadata, alg ECDH-ES, kid header.
//   { op: "decrypt", jwe, responsePrivateJwk }  -> { header, payload }
//     decrypts the issuer's encrypted Credential Response with that key.
import { CompactEncrypt, compactDecrypt, exportJWK, generateKeyPair, importJWK } from 'jose';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function encrypt({ issuerJwk, enc, request }) {
  if (issuerJwk.alg !== 'ECDH-ES' || !issuerJwk.kid) throw new Error('issuer key without alg ECDH-ES or kid');
  const { publicKey, privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  const responseJwk = { ...(await exportJWK(publicKey)), alg: 'ECDH-ES', kid: 'jose-response-key', use: 'enc' };
  const body = { ...request, credential_response_encryption: { jwk: responseJwk, enc } };
  const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(body)))
    .setProtectedHeader({ alg: 'ECDH-ES', enc, kid: issuerJwk.kid })
    .encrypt(await importJWK(issuerJwk, 'ECDH-ES'));
  return { jwe, responsePrivateJwk: { ...(await exportJWK(privateKey)), alg: 'ECDH-ES', kid: responseJwk.kid } };
}

async function decrypt({ jwe, responsePrivateJwk }) {
  const { plaintext, protectedHeader } = await compactDecrypt(jwe, await importJWK(responsePrivateJwk, 'ECDH-ES'), {
    keyManagementAlgorithms: ['ECDH-ES'],
    contentEncryptionAlgorithms: ['A128GCM', 'A256GCM'],
  });
  return { header: protectedHeader, payload: JSON.parse(new TextDecoder().decode(plaintext)) };
}

const input = await readStdin();
try {
  const out = input.op === 'encrypt' ? await encrypt(input) : await decrypt(input);
  process.stdout.write(JSON.stringify({ ok: true, ...out }));
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, error: String(e?.message ?? e) }));
}
