import type { Request } from 'express';
import { ProblemError } from '../http/problems.js';

/**
 * Reads a raw request body up to `maxBytes`. A larger body is refused with 413 before anything is stored:
 * at once when Content-Length says so, otherwise after draining (so the client still reads the answer).
 */
export async function readLimitedBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) over = true;
    if (!over) chunks.push(chunk);
  }
  if (over) throw tooLarge(maxBytes);
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): ProblemError {
  return new ProblemError('attachment.too_large', `an attachment may hold at most ${maxBytes} bytes`);
}
