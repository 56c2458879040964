import type { AnyDoc, Collection, DocumentStore } from '../../../server/store/port.js';

/** What each part of the conformance suite gets from describeStoreConformance. */
export interface ConformanceContext {
  store(): DocumentStore;
  /** A collection with a name no other test uses. */
  fresh<T extends AnyDoc = AnyDoc>(): Collection<T>;
  limits: ServerLimits;
}

/**
 * Documented limits of the server behind one adapter run, each with its reason. Conforming servers pass
 * none. A limit never skips silently: where it applies, the suite asserts the documented behaviour instead.
 */
export interface ServerLimits {
  /**
   * FerretDB v1 refuses arrays directly inside arrays (BadValue "nested arrays are not supported"),
   * MongoDB stores them; the MongoDB adapter reports the refusal as UnsupportedQueryError.
   */
  noNestedArrays?: true;
}
