import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import type { AnyDoc, Collection, DocumentStore } from '../port.js';
import { MongoStoreCollection } from './collection.js';
import type { RawDoc } from './read.js';

/**
 * The DocumentStore on MongoDB through the official driver (tests run it against FerretDB v1, a real
 * Mongo-wire server). Only the subset FerretDB v1 supports is used: no transactions, no $lookup, no TTL
 * indexes, no dotted keys.
 */
export interface MongoStoreOptions {
  /** A mongodb:// connection string. */
  url: string;
  /** The database that holds Gongzhi's collections. */
  db: string;
}

const NAMESPACE_NOT_FOUND = 26;

export async function openMongoStore(opts: MongoStoreOptions): Promise<DocumentStore> {
  // ignoreUndefined: `{ a: undefined }` means "no a", as in JSON, never a stored null.
  // A 10 s server selection limit (the driver's default is 30 s) unless the URL sets its own.
  const timeout = /[?&]serverSelectionTimeoutMS=/i.test(opts.url) ? {} : { serverSelectionTimeoutMS: 10_000 };
  const client = new MongoClient(opts.url, { ignoreUndefined: true, ...timeout });
  await client.connect();
  return new MongoDocumentStore(client, client.db(opts.db));
}

class MongoDocumentStore implements DocumentStore {
  readonly kind = 'mongodb' as const;
  private readonly collections = new Map<string, MongoStoreCollection<AnyDoc>>();

  constructor(private readonly client: MongoClient, private readonly db: Db) {}

  collection<T extends AnyDoc = AnyDoc>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MongoStoreCollection<AnyDoc>(name, this.db.collection<RawDoc>(name));
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async dropCollection(name: string): Promise<void> {
    try {
      await this.db.dropCollection(name);
    } catch (err) {
      if ((err as { code?: unknown }).code !== NAMESPACE_NOT_FOUND) throw err;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
