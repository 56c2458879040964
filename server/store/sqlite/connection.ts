import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a private in-memory database. */
  file: string;
  /**
   * 'full' (default): every acknowledged write survives SIGKILL *and* power loss (the WAL is fsynced at each
   * commit). 'normal': in WAL mode still survives the process being killed (the commit is in the OS page
   * cache), but the last commits may be lost on power loss or an OS crash; faster for bulk imports.
   */
  synchronous?: 'full' | 'normal';
}

/** One better-sqlite3 connection with the pragmas we rely on and a prepared-statement cache per SQL text. */
export class Connection {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  private readonly dataVersion: Statement;
  private lastDataVersion: number;

  constructor(options: SqliteStoreOptions) {
    this.db = new Database(options.file);
    if (options.file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    // 32 MiB page cache (the default is 2 MiB): at a million documents the index b-trees no longer fit
    // in 2 MiB and inserts into the middle of an index start reading pages back from the OS
    this.db.pragma('cache_size = -32768');
    this.db.pragma('foreign_keys = OFF');
    this.dataVersion = this.db.prepare('PRAGMA data_version').pluck();
    this.lastDataVersion = this.dataVersion.get() as number;
    const regexCache = new Map<string, RegExp>();
    this.db.function('gz_regexp', { deterministic: true }, (source: unknown, flags: unknown, value: unknown) => {
      if (typeof value !== 'string') return 0;
      const key = `${String(flags)}/${String(source)}`;
      let regex = regexCache.get(key);
      if (!regex) {
        regex = new RegExp(String(source), String(flags));
        if (regexCache.size > 1000) regexCache.clear();
        regexCache.set(key, regex);
      }
      return regex.test(value) ? 1 : 0;
    });
  }

  statement(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      // bounded: filters with many $in values produce many distinct texts
      if (this.statements.size > 2000) this.statements.clear();
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** True when another connection committed since the last call (PRAGMA data_version changed). */
  changedElsewhere(): boolean {
    const version = this.dataVersion.get() as number;
    if (version === this.lastDataVersion) return false;
    this.lastDataVersion = version;
    return true;
  }

  forgetStatements(): void {
    this.statements.clear();
  }

  close(): void {
    this.statements.clear();
    // lets SQLite refresh planner statistics where they have drifted (cheap; recommended on close)
    this.db.pragma('optimize');
    this.db.close();
  }
}
