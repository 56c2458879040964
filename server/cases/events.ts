/**
 * Typed in-process case events. SLA, notifications and metrics subscribe here instead of polling the
 * collection. Listeners run after the store write; a throwing listener is logged, never fails the writer.
 */
import type { CaseDoc, CaseSatisfaction, CaseStatus } from './case.js';

export interface CaseEventMap {
  created: { case: CaseDoc };
  filed: { case: CaseDoc };
  status: { case: CaseDoc; from: CaseStatus; to: CaseStatus };
  closed: { case: CaseDoc; onTime: boolean | undefined };
  reopened: { case: CaseDoc };
  satisfaction: { case: CaseDoc; satisfaction: CaseSatisfaction };
}

export type CaseEventName = keyof CaseEventMap;
type Listener<K extends CaseEventName> = (event: CaseEventMap[K]) => void | Promise<void>;

export class CaseEvents {
  private readonly listeners = new Map<CaseEventName, Set<Listener<CaseEventName>>>();

  constructor(private readonly onListenerError: (error: unknown, name: CaseEventName) => void = () => {}) {}

  /** Returns the unsubscribe function. */
  on<K extends CaseEventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<CaseEventName>);
    return () => set.delete(listener as Listener<CaseEventName>);
  }

  /** Calls every listener; async listeners are awaited so that tests can observe their effects. */
  async emit<K extends CaseEventName>(name: K, event: CaseEventMap[K]): Promise<void> {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        await listener(event);
      } catch (error) {
        this.onListenerError(error, name);
      }
    }
  }
}
