/** The engine state container: maps plus the few indexes the processor needs to stay O(1) per command. */
import type { ProcessModel } from '../model/types.js';
import { DueQueue } from './due-queue.js';
import type {
  BufferedMessage, DeployedProcess, ElementInstance, IncidentEntity, JobEntity, MessageStartSubscription,
  MessageSubscription, TimerEntity,
} from './types.js';

export const FIRST_KEY = 2251799813685249;

export const tenantKey = (tenantId: string, id: string): string => `${tenantId}\u0000${id}`;
export const correlationIndexKey = (tenantId: string, name: string, correlationKey: string): string =>
  `${tenantId}\u0000${name}\u0000${correlationKey}`;

export class EngineState {
  nextKey = FIRST_KEY;
  position = 0;

  readonly processes = new Map<string, DeployedProcess>();
  /** tenant+bpmnProcessId → versions in order. */
  readonly versions = new Map<string, DeployedProcess[]>();
  /** Parsed models by checksum, filled before a PROCESS CREATED record is applied (parsing is async). */
  readonly parsedModels = new Map<string, ProcessModel>();

  readonly instances = new Map<string, ElementInstance>();
  readonly jobs = new Map<string, JobEntity>();
  /** Activatable jobs per tenant+type, in creation order. */
  readonly activatable = new Map<string, Set<string>>();
  readonly timers = new Map<string, TimerEntity>();
  readonly subscriptions = new Map<string, MessageSubscription>();
  readonly subscriptionsByCorrelation = new Map<string, Set<string>>();
  /** Subscriptions owned by an element instance (its own, its boundary events', its event subprocesses'). */
  readonly subscriptionsByOwner = new Map<string, Set<string>>();
  readonly timersByOwner = new Map<string, Set<string>>();
  readonly startSubscriptions = new Map<string, MessageStartSubscription[]>();
  readonly messages = new Map<string, BufferedMessage>();
  readonly messagesByCorrelation = new Map<string, Set<string>>();
  readonly messageIds = new Set<string>();
  /** bpmnProcessId+correlationKey → process instance started by a message, while it is active. */
  readonly messageStartedInstances = new Map<string, string>();
  readonly incidents = new Map<string, IncidentEntity>();
  readonly due = new DueQueue();

  newKey(): string {
    return String(this.nextKey++);
  }

  latest(tenantId: string, bpmnProcessId: string): DeployedProcess | undefined {
    const v = this.versions.get(tenantKey(tenantId, bpmnProcessId));
    return v?.[v.length - 1];
  }
}

export function addToIndex<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

export function removeFromIndex<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
