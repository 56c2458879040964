/**
 * Child process of crash.test.ts: writes to a SQLite store as fast as it can and prints a line for every
 * write only after the store acknowledged it (`i <id>` for an insert, `v <version>` for a counter update).
 * The parent SIGKILLs it mid-stream and checks that everything printed is in the file.
 *
 * usage: node --import tsx test/store/crash-child.ts <file> <full|normal>
 */
import { openSqliteStore } from '../../server/store/sqlite/index.js';

const [file, synchronous] = process.argv.slice(2) as [string, 'full' | 'normal'];
const store = openSqliteStore({ file, synchronous });
const cases = store.collection('crash_cases');
const counters = store.collection<{ n: number }>('crash_counters');
await cases.createIndex({ fields: { seq: 1 }, unique: true });
await counters.insertOne({ _id: 'counter', n: 0 });

const write = (line: string) => new Promise<void>((resolve) => process.stdout.write(`${line}\n`, () => resolve()));

for (let seq = 0; ; seq++) {
  const stored = await cases.insertOne({ seq, title: `第${seq}号案件`, at: new Date(), tags: ['crash', String(seq % 7)] });
  await write(`i ${stored._id}`);
  if (seq % 10 === 0) {
    const counter = await counters.findOneAndUpdate({ _id: 'counter' }, { $inc: { n: 1 } });
    await write(`v ${counter!._v}`);
  }
}
