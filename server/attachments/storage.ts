import type { Readable } from 'node:stream';

/** Where attachment bytes live. Keys are opaque ids chosen by the caller; adapters never interpret them. */
export interface AttachmentStorage {
  put(key: string, body: Readable): Promise<void>;
  /** Rejects with `attachment.not_found` when the key is unknown. */
  get(key: string): Promise<Readable>;
  /** Deleting an unknown key is not an error. */
  delete(key: string): Promise<void>;
}
