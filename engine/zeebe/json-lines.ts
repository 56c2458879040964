// Parses one line of the broker's record JSON without losing int64 keys: integers too large for a JS number
// are turned into strings before JSON.parse sees them (Zeebe keys reach 2^63; JSON.parse would round them).

const UNSAFE_INTEGER = /^-?\d{16,}$/;

/** Quotes integer tokens outside strings that are not safe JS integers. */
function quoteLargeIntegers(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '"') {
      // copy a whole string literal, honouring escapes
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      out += line.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i + 1;
      while (j < line.length && /[0-9.eE+-]/.test(line[j]!)) j++;
      const token = line.slice(i, j);
      out += UNSAFE_INTEGER.test(token) && !Number.isSafeInteger(Number(token)) ? `"${token}"` : token;
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

export function parseRecordLine(line: string): Record<string, unknown> {
  return JSON.parse(quoteLargeIntegers(line)) as Record<string, unknown>;
}
