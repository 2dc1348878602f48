// Builds and signs a Status List Token with the independent implementation
// (@sd-jwt/jwt-status-list for the list, jose for the ES256 signature).
// stdin:  {"bits": 1|2|4|8, "statuses": [int...], "sub": "...", "iat": n, "exp": n, "ttl": n}
// stdout: {"jwt": "...", "publicJwk": {...}, "lst": "..."}
import { StatusList, createHeaderAndPayload } from '@sd-jwt/jwt-status-list';
import * as jose from 'jose';

const input = JSON.parse(await readStdin());
const list = new StatusList(input.statuses, input.bits);
const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
const publicJwk = { ...(await jose.exportJWK(publicKey)), kid: 'interop-js', alg: 'ES256' };
const payload = { sub: input.sub, iat: input.iat };
if (input.exp !== undefined) payload.exp = input.exp;
if (input.ttl !== undefined) payload.ttl = input.ttl;
const { header, payload: full } = createHeaderAndPayload(list, payload, {
  alg: 'ES256',
  typ: 'statuslist+jwt',
  kid: 'interop-js',
});
const jwt = await new jose.SignJWT(full).setProtectedHeader(header).sign(privateKey);
process.stdout.write(JSON.stringify({ jwt, publicJwk, lst: full.status_list.lst }));

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
