// Verifies (jose, ES256, typ statuslist+jwt) and decodes a Status List Token with the independent
// implementation (@sd-jwt/jwt-status-list).
// stdin:  {"jwt": "...", "publicJwk": {...}, "now": epoch seconds (optional)}
// stdout: {"header": {...}, "payload": {...}, "bits": n, "statuses": [int...]}
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import * as jose from 'jose';

const input = JSON.parse(await readStdin());
const key = await jose.importJWK(input.publicJwk, 'ES256');
const { payload, protectedHeader } = await jose.jwtVerify(input.jwt, key, {
  typ: 'statuslist+jwt',
  algorithms: ['ES256'],
  ...(input.now !== undefined ? { currentDate: new Date(input.now * 1000) } : {}),
});
const list = getListFromStatusListJWT(input.jwt);
const statuses = [];
for (let i = 0; i < list.statusList.length; i++) statuses.push(list.getStatus(i));
process.stdout.write(
  JSON.stringify({ header: protectedHeader, payload, bits: list.getBitsPerStatus(), statuses }),
);

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
