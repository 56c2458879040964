import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import type { Filter } from '../../server/store/port.js';
import { matchesFilter, parseFilter } from '../../server/store/query/index.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { describeStoreConformance } from './conformance.js';
import { randomDocuments, randomFilters } from './random-queries.js';

const dir = mkdtempSync(join(tmpdir(), 'gongzhi-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `store-${++files}.sqlite`);

describeStoreConformance('sqlite file', async () => openSqliteStore({ file: newFile() }));
describeStoreConformance('sqlite :memory:', async () => openSqliteStore({ file: ':memory:' }));

describe('SQLite adapter: indexes are expression indexes the planner uses', () => {
  it('given an index on a dotted path, an equality lookup searches that index instead of scanning', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const cases = store.sqliteCollection('cases');
    await cases.insertMany(Array.from({ length: 200 }, (_, i) => ({ reporter: { grid: `G${i % 20}` }, tags: ['t'], i })));
    const before = cases.explainFind({ 'reporter.grid': 'G7' });
    expect(before.plan.join('\n')).toMatch(/SCAN/);

    await cases.createIndex({ fields: { 'reporter.grid': 1 } });
    const after = cases.explainFind({ 'reporter.grid': 'G7' });
    expect(after.exact).toBe(true);
    expect(after.plan.join('\n')).toMatch(/SEARCH .* USING INDEX c_cases__reporter\.grid_1 \(<expr>=\?\)/);
    expect(cases.explainFind({ 'reporter.grid': { $in: ['G1', 'G2'] } }).plan.join('\n')).toMatch(/USING INDEX c_cases__reporter\.grid_1/);
    const range = cases.explainFind({ 'reporter.grid': { $gt: 'G5' } }, { sort: { 'reporter.grid': 1 } });
    expect(range.plan.join('\n')).toMatch(/USING INDEX c_cases__reporter\.grid_1 \(<expr>>\?\)/);
    expect(range.plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(await cases.count({ 'reporter.grid': 'G7' })).toBe(10);
    await store.close();
  });

  it('given a unique index, equality lookups use its lookup index', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const people = store.sqliteCollection('people');
    await people.createIndex({ fields: { idCard: 1 }, unique: true });
    await people.insertMany(Array.from({ length: 50 }, (_, i) => ({ idCard: `ID${i}` })));
    expect(people.explainFind({ idCard: 'ID3' }).plan.join('\n')).toMatch(/USING INDEX c_people__idCard_1__lookup/);
    await store.close();
  });

  it('given a unique index, a second document without the field collides with the first (missing counts as null, as in MongoDB)', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const c = store.collection('sparse');
    await c.createIndex({ fields: { email: 1 }, unique: true });
    await c.insertOne({ name: 'a' });
    await expect(c.insertOne({ name: 'b' })).rejects.toMatchObject({ code: 'store.duplicate_key' });
    await expect(c.insertOne({ name: 'c', email: null })).rejects.toMatchObject({ code: 'store.duplicate_key' });
    await c.insertOne({ name: 'd', email: 'd@example.org' });
    expect(await c.count()).toBe(2);
    await store.close();
  });

  it('given existing duplicates, creating a unique index fails with DuplicateKeyError and creates nothing', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const c = store.sqliteCollection('dups');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(c.createIndex({ fields: { k: 1 }, unique: true })).rejects.toMatchObject({ code: 'store.duplicate_key' });
    expect(c.explainFind({ k: 1 }).plan.join('\n')).toMatch(/SCAN/);
    await c.insertOne({ k: 1 });
    await store.close();
  });

  it('given an array stored at an indexed path, lookups stay correct (array membership) at the price of a scan', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const c = store.sqliteCollection('mixed');
    await c.createIndex({ fields: { code: 1 } });
    await c.insertMany([{ _id: 'a', code: 'x' }, { _id: 'b', code: 'y' }]);
    expect(c.explainFind({ code: 'x' }).plan.join('\n')).toMatch(/USING INDEX/);
    await c.insertOne({ _id: 'c', code: ['x', 'z'] });
    expect((await c.find({ code: 'x' })).map((d) => d._id)).toEqual(['a', 'c']);
    await store.close();
  });
});

describe('SQLite adapter: SQL translation agrees with the reference matcher', () => {
  it('given random documents and random filters, find returns exactly what the JS matcher selects', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const c = store.collection('random');
    await c.createIndex({ fields: { a: 1 } });
    const docs = await c.insertMany(randomDocuments(120, 7));
    let inexact = 0;
    for (const filter of randomFilters(400, 11)) {
      const expected = docs.filter((d) => matchesFilter(parseFilter(filter), d)).map((d) => d._id);
      const found = (await c.find(filter, { sort: { _id: 1 } })).map((d) => d._id);
      expect([JSON.stringify(filter), found]).toEqual([JSON.stringify(filter), expected]);
      expect(await c.count(filter)).toBe(expected.length);
      if (!store.sqliteCollection('random').explainFind(filter).exact) inexact++;
    }
    // the point is to exercise the SQL translation: most random filters must not need the JS fallback
    expect(inexact).toBeLessThan(100);
    await store.close();
  });
});

describe('SQLite adapter: group commit', () => {
  it('given concurrent writes, they share one commit, and each resolves only once another connection can read it', async () => {
    const file = newFile();
    const store = openSqliteStore({ file });
    const docs = store.collection('gc');
    await docs.insertOne({ _id: 'warm' });
    const other = new Database(file, { readonly: true });
    const seen = (id: string) => other.prepare('SELECT count(*) FROM c_gc WHERE _id = ?').pluck().get(id) === 1;
    const before = store.commitStats();
    const writes = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? docs.insertOne({ _id: `d${i}`, n: i }) : docs.updateOne({ _id: 'warm' }, { $inc: { n: 1 } })).then(() => (i % 2 ? seen(`d${i}`) : true)),
    );
    expect(seen('d1')).toBe(false); // not yet committed while the batch is open
    expect(await Promise.all(writes)).toEqual(Array(40).fill(true));
    const after = store.commitStats();
    expect(after.writes - before.writes).toBe(40);
    expect(after.commits - before.commits).toBe(1);
    // one writer awaiting each write commits each on its own
    for (let i = 0; i < 3; i++) await docs.insertOne({ _id: `s${i}` });
    expect(store.commitStats().commits - after.commits).toBe(3);
    other.close();
    await store.close();
  });

  it('given a failing write in a batch, only that write fails; an ordered insert keeps and commits its prefix', async () => {
    const store = openSqliteStore({ file: newFile() });
    const docs = store.collection('gc');
    await docs.insertOne({ _id: 'taken' });
    const results = await Promise.allSettled([
      docs.insertOne({ _id: 'a' }),
      docs.insertMany([{ _id: 'b' }, { _id: 'taken' }, { _id: 'c' }]),
      docs.updateOne({ _id: 'a' }, { $set: { x: 1 } }, { expectedVersion: 7 }),
      docs.insertOne({ _id: 'd' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((await docs.find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['a', 'b', 'd', 'taken']);
    expect(await docs.findOne({ _id: 'a' })).toEqual({ _id: 'a', _v: 1 });
    await store.close();
  });

  it('given the disk fills up mid-batch, every write either resolves and is stored or rejects and is not', async () => {
    const file = newFile();
    const store = openSqliteStore({ file });
    const docs = store.collection('full');
    await docs.insertOne({ _id: 'first', pad: 'x' });
    const limit = new Database(file);
    const pages = limit.pragma('page_count', { simple: true }) as number;
    limit.close();
    // the store's own connection gets the cap: SQLITE_FULL on its next growth
    (store as unknown as { ctx: { connection: { db: Database.Database } } }).ctx.connection.db.pragma(`max_page_count = ${pages + 2}`);
    const big = 'x'.repeat(3000);
    const attempts = Array.from({ length: 30 }, (_, i) => docs.insertOne({ _id: `p${i}`, big }));
    const settled = await Promise.allSettled(attempts);
    expect(settled.some((r) => r.status === 'rejected')).toBe(true);
    (store as unknown as { ctx: { connection: { db: Database.Database } } }).ctx.connection.db.pragma('max_page_count = 1073741823');
    const stored = new Set((await docs.find({}, { projection: { _id: 1 } })).map((d) => d._id));
    settled.forEach((r, i) => expect([r.status, stored.has(`p${i}`)]).toEqual([r.status, r.status === 'fulfilled']));
    // and the store goes on working
    await docs.insertOne({ _id: 'after' });
    expect(await docs.count({})).toBe(stored.size + 1);
    await store.close();
  });
});

describe('SQLite adapter: files and connections', () => {
  it('given a file store, it runs in WAL mode and data and indexes survive reopening', async () => {
    const file = newFile();
    const first = openSqliteStore({ file });
    await first.collection('c').createIndex({ fields: { k: 1 }, unique: true });
    await first.collection('c').insertOne({ _id: 'x', k: '网格', at: new Date(5) });
    await first.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const second = openSqliteStore({ file });
    expect(await second.collection('c').findOne({ k: '网格' })).toEqual({ _id: 'x', _v: 1, k: '网格', at: new Date(5) });
    await expect(second.collection('c').insertOne({ k: '网格' })).rejects.toMatchObject({ code: 'store.duplicate_key' });
    await second.close();
  });

  it('given two stores on one file, an array written by one is found by array membership in the other', async () => {
    const file = newFile();
    const reader = openSqliteStore({ file });
    const writer = openSqliteStore({ file });
    await reader.collection('shared').insertOne({ _id: 'r', tags: 'x' });
    expect(await reader.collection('shared').count({ tags: 'x' })).toBe(1); // reader has cached "no arrays here"
    await writer.collection('shared').insertOne({ _id: 'w', tags: ['x', 'y'] });
    expect((await reader.collection('shared').find({ tags: 'x' })).map((d) => d._id)).toEqual(['r', 'w']);
    await writer.dropCollection('shared');
    expect(await reader.collection('shared').count()).toBe(0);
    await reader.close();
    await writer.close();
  });

  it('given filters that SQL cannot express exactly, skip and limit still apply to the matching documents', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const c = store.sqliteCollection('fallback');
    await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: `d${i}`, pair: i % 2 ? [1, 2] : [2, 1] })));
    const filter: Filter = { pair: [1, 2] };
    expect(c.explainFind(filter).exact).toBe(false);
    expect((await c.find(filter, { skip: 1, limit: 2 })).map((d) => d._id)).toEqual(['d3', 'd5']);
    expect(await c.count(filter)).toBe(5);
    expect(await c.deleteMany(filter)).toBe(5);
    expect(await c.count()).toBe(5);
    await store.close();
  });
});
