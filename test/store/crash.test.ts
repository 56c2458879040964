import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../server/store/sqlite/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gongzhi-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ACKS_BEFORE_KILL = 300;

/** Runs the writer child until it has acknowledged `ACKS_BEFORE_KILL` inserts, then SIGKILLs it. */
async function writeAndKill(file: string, synchronous: 'full' | 'normal'): Promise<{ ids: string[]; versions: number[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/store/crash-child.ts', file, synchronous], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ids: string[] = [];
  const versions: number[] = [];
  let stderr = '';
  let buffered = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('i ')) ids.push(line.slice(2));
      if (line.startsWith('v ')) versions.push(Number(line.slice(2)));
    }
    if (ids.length >= ACKS_BEFORE_KILL) child.kill('SIGKILL');
  });
  const signal = await exited;
  clearTimeout(timer);
  if (ids.length < ACKS_BEFORE_KILL) throw new Error(`writer stopped after ${ids.length} acks (${signal}): ${stderr}`);
  expect(signal).toBe('SIGKILL');
  return { ids, versions };
}

describe('SQLite store: acknowledged writes survive SIGKILL', () => {
  it.each(['full', 'normal'] as const)(
    'given a writer killed mid-stream (synchronous=%s), every acknowledged write is in the file and the file is intact',
    async (synchronous) => {
      const file = join(dir, `crash-${synchronous}.sqlite`);
      const { ids, versions } = await writeAndKill(file, synchronous);

      const raw = new Database(file);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();

      const store = openSqliteStore({ file });
      const cases = store.collection('crash_cases');
      const present = new Set((await cases.find({ _id: { $in: ids } }, { projection: { _id: 1 } })).map((d) => d._id));
      expect(ids.filter((id) => !present.has(id))).toEqual([]);
      const counter = await store.collection('crash_counters').findOne({ _id: 'counter' });
      expect(counter!._v).toBeGreaterThanOrEqual(Math.max(...versions));
      // the reopened file takes writes again, and its unique index still holds
      const count = await cases.count();
      await expect(cases.insertOne({ seq: 0 })).rejects.toMatchObject({ code: 'store.duplicate_key' });
      await cases.insertOne({ seq: -1 });
      expect(await cases.count()).toBe(count + 1);
      await store.close();
    },
    60_000,
  );
});
