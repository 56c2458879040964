export const ATTACHMENTS_COLLECTION = 'attachments';

/** Metadata of a stored file; the bytes live in the AttachmentStorage under `_id`. */
export interface AttachmentDoc {
  _id: string;
  caseId: string;
  /** The case's unit path at upload: downloads are authorised by case scope. */
  unitPath: string;
  filename: string;
  /** Sniffed from the bytes. */
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: { kind: 'user' | 'token' | 'system' | 'citizen'; id: string };
  uploadedAt: string;
  [key: string]: unknown;
}

export function attachmentView(a: AttachmentDoc) {
  return { id: a._id, caseId: a.caseId, filename: a.filename, mime: a.mime, size: a.size, sha256: a.sha256, uploadedAt: a.uploadedAt };
}
