import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ProblemError } from '../http/problems.js';
import type { Collection, DocumentStore } from '../store/port.js';
import { ATTACHMENTS_COLLECTION, type AttachmentDoc } from './attachment.js';
import { sniffType } from './sniff.js';
import type { AttachmentStorage } from './storage.js';

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Stores and finds attachment files. Linking to the case (its `attachments` list) is the case service's job. */
export class AttachmentService {
  readonly docs: Collection<AttachmentDoc>;

  constructor(
    store: DocumentStore,
    private readonly storage: AttachmentStorage,
    readonly maxBytes: number = DEFAULT_ATTACHMENT_MAX_BYTES,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.docs = store.collection<AttachmentDoc>(ATTACHMENTS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.docs.createIndex({ fields: { caseId: 1, uploadedAt: 1 } });
  }

  /** Checks size and sniffed type, then writes bytes and metadata (bytes first: metadata never points at nothing). */
  async store(
    input: { caseId: string; unitPath: string; filename: string; bytes: Buffer; imagesOnly?: boolean; uploadedBy: AttachmentDoc['uploadedBy'] },
  ): Promise<AttachmentDoc> {
    if (input.bytes.length > this.maxBytes) throw new ProblemError('attachment.too_large', `an attachment may hold at most ${this.maxBytes} bytes`);
    if (input.bytes.length === 0) throw new ProblemError('attachment.unsupported_type', 'the file is empty');
    const type = sniffType(input.bytes);
    if (!type || (input.imagesOnly && !type.image)) {
      throw new ProblemError('attachment.unsupported_type', input.imagesOnly ? 'only JPEG, PNG or WebP photos are accepted' : 'accepted types: JPEG, PNG, WebP, PDF, DOCX, XLSX (judged by content, not by name)');
    }
    const id = randomBytes(12).toString('base64url');
    await this.storage.put(id, Readable.from([input.bytes]));
    const doc: AttachmentDoc = {
      _id: id,
      caseId: input.caseId,
      unitPath: input.unitPath,
      filename: safeFilename(input.filename, type.extension),
      mime: type.mime,
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      uploadedBy: input.uploadedBy,
      uploadedAt: this.now().toISOString(),
    };
    try {
      await this.docs.insertOne(doc);
    } catch (error) {
      await this.storage.delete(id);
      throw error;
    }
    return doc;
  }

  async get(id: string): Promise<AttachmentDoc> {
    const doc = await this.docs.findOne({ _id: id });
    if (!doc) throw new ProblemError('attachment.not_found', `no attachment ${id}`);
    return doc;
  }

  open(doc: AttachmentDoc): Promise<Readable> {
    return this.storage.get(doc._id);
  }

  /** Removes a stored file whose case link failed (the caller's compensation). */
  async remove(doc: AttachmentDoc): Promise<void> {
    await this.docs.deleteOne({ _id: doc._id });
    await this.storage.delete(doc._id);
  }

  countFor(caseId: string): Promise<number> {
    return this.docs.count({ caseId });
  }
}

/** Keeps a readable name without path parts or control characters; the extension follows the sniffed type. */
function safeFilename(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f"<>|:*?]/g, '').replace(/\.[^.]*$/, '').slice(0, 100) || 'attachment';
  return `${base}.${extension}`;
}
