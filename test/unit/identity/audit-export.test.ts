import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../../../server/audit/canonical-json.js';
import { csvField, csvHeader, csvRow, UTF8_BOM } from '../../../server/audit/export.js';
import type { AuditEntry } from '../../../server/audit/entry.js';

describe('canonical JSON', () => {
  it('gives the same text whatever the key order, and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null, e: undefined } })).toBe(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});

describe('audit CSV export', () => {
  it('starts with a UTF-8 BOM so that Excel reads Chinese text', () => {
    expect(csvHeader().startsWith(UTF8_BOM)).toBe(true);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('网格员 张三')).toBe('网格员 张三');
  });

  it('writes one CRLF-terminated row per entry with the JSON of before/after', () => {
    const e: AuditEntry = {
      seq: 1, at: '2026-01-01T00:00:00.000Z', actor: { kind: 'user', id: 'u1', name: '张三' }, action: 'org.unit.update',
      object: { type: 'org.unit', id: 'A' }, before: { name: '旧, 名' }, after: { name: '新' }, prevHash: '0', hash: '1',
    };
    const row = csvRow(e);
    expect(row.endsWith('\r\n')).toBe(true);
    expect(row).toContain('"{""name"":""旧, 名""}"');
    expect(row.split(',').slice(0, 5)).toEqual(['1', '2026-01-01T00:00:00.000Z', 'user', 'u1', '张三']);
  });
});
