/** The state of one running scenario: instance aliases and the waiting policy. */
import type { PollOptions } from './observe.js';

export class ScenarioContext {
  private readonly instances = new Map<string, string>();
  /**
   * Records at or below this log position were written before the scenario began (on a broker shared with earlier
   * scenarios): instances started there are never captured as this scenario's.
   */
  positionFloor = -1;

  constructor(
    /** Bounded wait for anything that must eventually happen. */
    readonly poll: PollOptions,
    /** How long to wait before asserting that something did NOT happen. */
    readonly settleMs: number,
  ) {}

  bind(alias: string, processInstanceKey: string): void {
    this.instances.set(alias, processInstanceKey);
  }

  instanceKey(alias = 'main'): string {
    const key = this.instances.get(alias);
    if (key === undefined) throw new Error(`no process instance is bound to '${alias}' (create or capture it first)`);
    return key;
  }

  knownInstanceKeys(): Set<string> {
    return new Set(this.instances.values());
  }
}
