/**
 * File type by magic number, never by the client's name or Content-Type. Only the allow-listed types are
 * recognised; everything else (executables, scripts, archives) is `undefined` and refused.
 */
export interface SniffedType {
  mime: string;
  extension: string;
  /** Photos may be attached by citizens; documents only by staff and systems. */
  image: boolean;
}

const startsWith = (bytes: Uint8Array, sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

export function sniffType(bytes: Uint8Array): SniffedType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', extension: 'jpg', image: true };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', extension: 'png', image: true };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { mime: 'image/webp', extension: 'webp', image: true };
  if (ascii(bytes, 0, 5) === '%PDF-') return { mime: 'application/pdf', extension: 'pdf', image: false };
  // docx/xlsx are zip containers; the first entry of an OOXML package is `[Content_Types].xml`
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && ascii(bytes, 30, 49) === '[Content_Types].xml') {
    const head = ascii(bytes, 0, Math.min(bytes.length, 4096));
    if (head.includes('word/')) return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', image: false };
    if (head.includes('xl/')) return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', image: false };
  }
  return undefined;
}
