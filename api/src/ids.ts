import { ID_PREFIX, type IdKind } from '@layerlab/sdk/spec';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAX_TIME = 2 ** 48 - 1;

/**
 * A new id: prefix, then 10 characters of *inverted* milliseconds and 16 random ones. Ids sort
 * newest first, so a store listing in key order (S3's only order) pages newest first.
 */
export function newId(kind: IdKind, now = Date.now()): string {
  let time = MAX_TIME - now;
  let timePart = '';
  for (let i = 0; i < 10; i += 1) {
    timePart = CROCKFORD[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(16));
  let randomPart = '';
  for (const byte of random) randomPart += CROCKFORD[byte % 32];
  return `${ID_PREFIX[kind]}_${timePart}${randomPart}`;
}

/** `req_` plus 20 random characters, for logs and problem details. */
export function newRequestId(): string {
  const random = crypto.getRandomValues(new Uint8Array(20));
  let text = '';
  for (const byte of random) text += CROCKFORD[byte % 32];
  return `req_${text}`;
}
