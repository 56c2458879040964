import { randomBytes } from 'node:crypto';

/**
 * Generated document ids: 24 lowercase hex characters, `tttttttttttt cccccc rrrrrr` —
 * 12 digits of milliseconds since the epoch, a 6-digit counter (random start, +1 per id, wraps at 2^24)
 * and 6 random digits fixed per process. Ids sort by creation time, and within one process by creation
 * order; they are strings, so both adapters store and compare them the same way.
 */
const processPart = randomBytes(3).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3) & 0x7fffff;
let lastMillis = 0;

export function newId(now: number = Date.now()): string {
  // never go backwards within a process, even if the wall clock does
  const millis = Math.max(now, lastMillis);
  lastMillis = millis;
  counter = (counter + 1) & 0xffffff;
  return millis.toString(16).padStart(12, '0') + counter.toString(16).padStart(6, '0') + processPart;
}
