import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { describeStoreConformance } from './conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'gongzhi-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreConformance('sqlite file', async () => openSqliteStore({ file: join(dir, 'conformance.sqlite') }));
describeStoreConformance('sqlite :memory:', async () => openSqliteStore({ file: ':memory:' }));
