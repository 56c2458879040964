/**
 * The gate every BPMN upload passes before any XML parser sees it. XML parsers are where hostile input does
 * its damage (external entities read files or call URLs; nested entity definitions expand a kilobyte into
 * gigabytes; huge documents pin the CPU), so the checks here are cheap scans that never build a tree:
 * size first (O(1) for bytes), then encoding, NUL bytes and any DTD construct. BPMN never needs a DTD.
 */
import { EngineError } from '../port.js';

export const DEFAULT_MAX_XML_BYTES = 5 * 1024 * 1024;
/**
 * Real BPMN nests a few dozen elements deep (definitions › process › subprocesses › extension elements); tens of
 * thousands of levels fit in 5 MB and overflow the stack of the recursive model builders after the parser.
 */
export const DEFAULT_MAX_XML_DEPTH = 256;

export interface GuardXmlOptions {
  /** Largest accepted document in UTF-8 bytes; default 5 MB. */
  maxBytes?: number;
  /** Deepest accepted element nesting; default 256. */
  maxDepth?: number;
  /** Named in the error message, e.g. `urban-case.bpmn`. */
  resourceName?: string;
}

export type XmlRejection = 'too_large' | 'empty' | 'invalid_utf8' | 'nul_byte' | 'dtd' | 'too_deep';

/** A UTF-16 surrogate without its partner: such a string has no UTF-8 encoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Returns the document as a string (UTF-8 decoded, BOM removed) or throws EngineError 'engine.deploy_invalid'. */
export function guardXml(content: string | Uint8Array, options: GuardXmlOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const reject = (reason: XmlRejection, message: string): EngineError =>
    new EngineError('engine.deploy_invalid', options.resourceName ? `${options.resourceName}: ${message}` : message, {
      resourceName: options.resourceName,
      reason,
    });

  let text: string;
  if (typeof content === 'string') {
    if (exceedsUtf8Bytes(content, maxBytes)) throw reject('too_large', `the document is larger than ${maxBytes} bytes`);
    if (LONE_SURROGATE.test(content)) throw reject('invalid_utf8', 'the document contains unpaired surrogates and cannot be UTF-8');
    text = content;
  } else if (content instanceof Uint8Array) {
    if (content.byteLength > maxBytes) throw reject('too_large', `the document is ${content.byteLength} bytes, more than ${maxBytes}`);
    try {
      text = utf8.decode(content);
    } catch {
      throw reject('invalid_utf8', 'the document is not valid UTF-8 (BPMN files must be UTF-8 encoded)');
    }
  } else {
    throw reject('empty', 'the document is neither text nor bytes');
  }

  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim().length === 0) throw reject('empty', 'the document is empty');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw reject('nul_byte', `the document contains a NUL character at offset ${nul}`);
  const dtd = findDtdConstruct(text);
  if (dtd) throw reject('dtd', `document type declarations and entities are not allowed (found '${dtd.found}' at offset ${dtd.offset})`);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_XML_DEPTH;
  const tooDeepAt = findNestingBeyond(text, maxDepth);
  if (tooDeepAt !== undefined) throw reject('too_deep', `elements nest deeper than ${maxDepth} levels (at offset ${tooDeepAt})`);
  return text;
}

/** UTF-8 needs 1..3 bytes per UTF-16 code unit, so most strings are decided without encoding them. */
function exceedsUtf8Bytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

/**
 * Any markup declaration `<!X` other than the opening of a comment or a CDATA section: `<!DOCTYPE`, `<!ENTITY`,
 * `<!ELEMENT`, `<!ATTLIST`, `<!NOTATION`, in any letter case (some parsers are lenient). It is rejected wherever
 * it appears, inside comments and CDATA too: in a broken document parsers disagree about where those end (an
 * unterminated `<![CDATA[`, one inside an attribute value), and a false alarm costs less than a parser that
 * reads a declaration we skipped.
 */
const MARKUP_DECLARATION = /<!(?!--|\[CDATA\[)/;

function findDtdConstruct(text: string): { found: string; offset: number } | undefined {
  const match = MARKUP_DECLARATION.exec(text);
  return match ? { found: text.slice(match.index, match.index + 10), offset: match.index } : undefined;
}

/**
 * Offset of the first start tag that opens level `maxDepth + 1`, or undefined. A tokenizer-free scan: it skips
 * comments, CDATA, processing instructions and quoted attribute values (which may contain `>`), and counts
 * start tags up and end tags down; self-closing tags leave the depth unchanged. Broken markup only needs to be
 * counted plausibly: the parser rejects it afterwards.
 */
function findNestingBeyond(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let at = text.indexOf('<');
  while (at >= 0) {
    const next = text.charCodeAt(at + 1);
    let end: number;
    if (text.startsWith('<!--', at)) end = skipPast(text, '-->', at + 4);
    else if (text.startsWith('<![CDATA[', at)) end = skipPast(text, ']]>', at + 9);
    else if (next === 0x3f /* ? */) end = skipPast(text, '?>', at + 2);
    else if (next === 0x2f /* / */) {
      depth = Math.max(0, depth - 1);
      end = skipPast(text, '>', at + 2);
    } else {
      const close = endOfStartTag(text, at + 1);
      if (close < 0) return undefined;
      if (text.charCodeAt(close - 1) !== 0x2f /* / */ && ++depth > maxDepth) return at;
      end = close + 1;
    }
    if (end < 0) return undefined;
    at = text.indexOf('<', end);
  }
  return undefined;
}

function skipPast(text: string, marker: string, from: number): number {
  const found = text.indexOf(marker, from);
  return found < 0 ? -1 : found + marker.length;
}

/** Index of the `>` that ends a start tag, stepping over quoted attribute values; -1 when unterminated. */
function endOfStartTag(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return -1;
}
