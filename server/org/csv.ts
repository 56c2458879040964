import type { ImportRow } from './import.js';

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional UTF-8 BOM) whose header names the
 * columns id,name,kind,parentId[,boundary]; a boundary cell holds GeoJSON text. Row numbers count the header
 * as row 1, as a spreadsheet shows them.
 */
export function parseUnitCsv(text: string): { rows: ImportRow[]; problems: { row: number; message: string }[] } {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = records[0]?.map((h) => h.trim());
  if (!header || !header.includes('id') || !header.includes('name') || !header.includes('kind')) {
    return { rows: [], problems: [{ row: 1, message: 'the header must name at least id, name, kind (and parentId, boundary)' }] };
  }
  const rows: ImportRow[] = [];
  const problems: { row: number; message: string }[] = [];
  records.slice(1).forEach((cells, i) => {
    const rowNo = i + 2;
    if (cells.length === 1 && cells[0] === '') return;
    if (cells.length !== header.length) {
      problems.push({ row: rowNo, message: `expected ${header.length} cells, found ${cells.length}` });
      return;
    }
    const rec: Record<string, string> = {};
    header.forEach((h, j) => (rec[h] = cells[j] ?? ''));
    let boundary: unknown = undefined;
    if (rec.boundary) {
      try {
        boundary = JSON.parse(rec.boundary);
      } catch {
        problems.push({ row: rowNo, message: 'boundary is not valid JSON' });
        return;
      }
    }
    rows.push({ row: rowNo, id: rec.id, name: rec.name, kind: rec.kind, parentId: rec.parentId || null, boundary });
  });
  return { rows, problems };
}

function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
