// Follows the JSON-lines file our broker exporter appends to (tools/zeebe-exporter) and feeds each new record
// into the adapter's RecordLog. Reading is incremental (from the last byte offset) and keeps a partial last
// line for the next read, because the exporter may be mid-write.
import { open } from 'node:fs/promises';
import { fromExportedRecord } from './exported-record.js';
import { parseRecordLine } from './json-lines.js';
import type { RecordLog } from './record-log.js';

export class RecordsFileReader {
  private offset = 0;
  private partial: Buffer = Buffer.alloc(0);
  private reading: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly log: RecordLog,
    private readonly pollMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.catchUp().catch(() => undefined), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads everything appended since the last call; resolves to the number of new records. Never concurrent. */
  catchUp(): Promise<number> {
    this.reading ??= this.readNew().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readNew(): Promise<number> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0; // the broker has not exported yet
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size <= this.offset) return 0;
      const buffer = Buffer.alloc(size - this.offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
      this.offset += bytesRead;
      // split on the newline byte, not on decoded text: a read may end inside a multi-byte character
      const data = Buffer.concat([this.partial, buffer.subarray(0, bytesRead)]);
      const end = data.lastIndexOf(0x0a);
      this.partial = Buffer.from(data.subarray(end + 1));
      if (end < 0) return 0;
      const lines = data.subarray(0, end).toString('utf8').split('\n');
      let added = 0;
      for (const line of lines) {
        if (!line.trim()) continue;
        const record = fromExportedRecord(parseRecordLine(line));
        if (record) {
          this.log.append(record);
          added++;
        }
      }
      return added;
    } finally {
      await handle.close();
    }
  }
}
