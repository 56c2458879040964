import type { DocumentStore } from '../store/port.js';
import { AUDIT_COLLECTION, AUDIT_HEAD_COLLECTION } from './audit-log.js';
import { GENESIS_HASH, entryHash, hashedContent } from './entry.js';

export type ChainProblem =
  /** The stored hash does not match the entry's content: the entry was edited. */
  | 'hash_mismatch'
  /** The entry does not link to its predecessor: an entry before it was removed, replaced or reordered. */
  | 'broken_link'
  /** A sequence number is missing: the entry with that seq was deleted. */
  | 'missing_entry'
  /** The chain head records more entries than are stored: the tail was deleted. */
  | 'truncated';

export interface ChainVerdict {
  ok: boolean;
  /** Number of entries checked. */
  checked: number;
  headSeq: number;
  /** The first entry (by seq) that is not what was appended, when ok is false. */
  firstBad?: { seq: number; problem: ChainProblem; detail: string };
}

const PAGE = 500;

/**
 * Walks the chain from seq 1 and names the FIRST entry that was edited, deleted or reordered. Reads in
 * pages by seq so that memory stays flat for long logs.
 */
export async function verifyAuditChain(store: DocumentStore): Promise<ChainVerdict> {
  const entries = store.collection(AUDIT_COLLECTION);
  const headDoc = await store.collection(AUDIT_HEAD_COLLECTION).findOne({ _id: 'head' });
  const headSeq = typeof headDoc?.seq === 'number' ? headDoc.seq : 0;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let cursor: string | null = null;
  const fail = (seq: number, problem: ChainProblem, detail: string): ChainVerdict => ({
    ok: false,
    checked,
    headSeq,
    firstBad: { seq, problem, detail },
  });
  do {
    const page = await entries.findPage({}, { sort: { seq: 1 }, limit: PAGE, cursor });
    for (const doc of page.items) {
      const seq = doc.seq as number;
      if (seq !== expectedSeq) {
        return fail(expectedSeq, 'missing_entry', `entry ${expectedSeq} is missing (next stored entry is ${seq})`);
      }
      if (doc._id !== String(seq).padStart(12, '0')) {
        return fail(seq, 'hash_mismatch', `entry ${seq} is stored under the id of another entry (${doc._id})`);
      }
      const content = hashedContent(doc);
      if (entryHash(String(content.prevHash), content) !== doc.hash) {
        return fail(seq, 'hash_mismatch', `entry ${seq} was altered: its content does not match its hash`);
      }
      if (content.prevHash !== prevHash) {
        return fail(seq, 'broken_link', `entry ${seq} does not link to entry ${seq - 1}: one of them was replaced`);
      }
      prevHash = doc.hash as string;
      expectedSeq++;
      checked++;
    }
    cursor = page.nextCursor;
  } while (cursor);
  if (headSeq > checked) {
    return fail(checked + 1, 'truncated', `the chain head records ${headSeq} entries but only ${checked} are stored`);
  }
  return { ok: true, checked, headSeq };
}
