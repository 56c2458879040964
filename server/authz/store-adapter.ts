import type { BatchAdapter, Model } from 'casbin';
import type { Collection, DocumentStore } from '../store/port.js';
import { DuplicateKeyError } from '../store/port.js';
import { sha256 } from '../identity/secrets.js';

export const POLICIES_COLLECTION = 'authz_policies';

export interface PolicyDoc {
  _id: string;
  ptype: string;
  rule: string[];
  [key: string]: unknown;
}

/** The document id of a rule: a hash of ptype and fields, so adding the same rule twice is idempotent. */
export function policyId(ptype: string, rule: string[]): string {
  return sha256(JSON.stringify([ptype, ...rule]));
}

/**
 * The one Casbin adapter, written over the DocumentStore port, so it serves SQLite and MongoDB alike.
 * Casbin calls add/remove with auto-save after each management call; savePolicy rewrites everything.
 */
export class DocumentStoreAdapter implements BatchAdapter {
  readonly col: Collection<PolicyDoc>;

  constructor(store: DocumentStore) {
    this.col = store.collection<PolicyDoc>(POLICIES_COLLECTION);
  }

  async init(): Promise<void> {
    await this.col.createIndex({ fields: { ptype: 1 } });
  }

  async loadPolicy(model: Model): Promise<void> {
    const docs = await this.col.find({});
    for (const d of docs) model.addPolicy(d.ptype.charAt(0), d.ptype, d.rule);
  }

  async savePolicy(model: Model): Promise<boolean> {
    const docs: PolicyDoc[] = [];
    for (const sec of ['p', 'g']) {
      for (const [ptype, ast] of model.model.get(sec) ?? new Map()) {
        for (const rule of ast.policy) docs.push({ _id: policyId(ptype, rule), ptype, rule });
      }
    }
    await this.col.deleteMany({});
    if (docs.length) await this.col.insertMany(docs);
    return true;
  }

  async addPolicy(_sec: string, ptype: string, rule: string[]): Promise<void> {
    try {
      await this.col.insertOne({ _id: policyId(ptype, rule), ptype, rule });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }

  async addPolicies(sec: string, ptype: string, rules: string[][]): Promise<void> {
    for (const rule of rules) await this.addPolicy(sec, ptype, rule);
  }

  async removePolicies(sec: string, ptype: string, rules: string[][]): Promise<void> {
    for (const rule of rules) await this.removePolicy(sec, ptype, rule);
  }

  async removePolicy(_sec: string, ptype: string, rule: string[]): Promise<void> {
    await this.col.deleteOne({ _id: policyId(ptype, rule) });
  }

  async removeFilteredPolicy(_sec: string, ptype: string, fieldIndex: number, ...fieldValues: string[]): Promise<void> {
    const docs = await this.col.find({ ptype });
    for (const d of docs) {
      const matches = fieldValues.every((v, i) => v === '' || d.rule[fieldIndex + i] === v);
      if (matches) await this.col.deleteOne({ _id: d._id });
    }
  }
}
