/**
 * State snapshots: the whole EngineState as plain JSON at one log position, so that recovery loads the snapshot
 * and replays only the tail of the log. Indexes (children, activatable jobs, correlation maps, the due queue) are
 * derived, not stored. Process models are re-parsed from their resources on load.
 */
import type { ProcessModel } from '../model/types.js';
import { addToIndex, correlationIndexKey, EngineState, tenantKey } from './state.js';
import type {
  BufferedMessage, DeployedProcess, ElementInstance, IncidentEntity, JobEntity, MessageStartSubscription,
  MessageSubscription, ProcessInstanceInfo, TimerEntity,
} from './types.js';

interface InstanceSnap extends Omit<ElementInstance, 'pi' | 'children' | 'joins' | 'vars'> {
  pi: string;
  joins?: [string, [string, number][]][];
  vars?: [string, unknown][];
  /** Only on process instances. */
  info?: Omit<ProcessInstanceInfo, 'process' | 'key'>;
}

export interface StateSnapshot {
  position: number;
  nextKey: number;
  processes: Omit<DeployedProcess, 'model'>[];
  instances: InstanceSnap[];
  jobs: JobEntity[];
  timers: TimerEntity[];
  subscriptions: MessageSubscription[];
  startSubscriptions: MessageStartSubscription[];
  messages: (Omit<BufferedMessage, 'correlatedTo'> & { correlatedTo: string[] })[];
  messageStartedInstances: [string, string][];
  incidents: IncidentEntity[];
}

export function takeSnapshot(s: EngineState): StateSnapshot {
  const instances: InstanceSnap[] = [];
  for (const inst of s.instances.values()) {
    const { pi, children: _children, joins, vars, ...rest } = inst;
    const snap: InstanceSnap = { ...rest, pi: pi.key };
    if (joins?.size) snap.joins = [...joins].map(([gw, m]) => [gw, [...m]]);
    if (vars?.size) snap.vars = [...vars];
    if (inst.type === 'PROCESS') {
      const { process: _p, key: _k, ...info } = pi;
      snap.info = info;
    }
    instances.push(snap);
  }
  return {
    position: s.position,
    nextKey: s.nextKey,
    processes: [...s.processes.values()].map(({ model: _m, ...p }) => p),
    instances,
    jobs: [...s.jobs.values()],
    timers: [...s.timers.values()],
    subscriptions: [...s.subscriptions.values()],
    startSubscriptions: [...s.startSubscriptions.values()].flat(),
    messages: [...s.messages.values()].map((m) => ({ ...m, correlatedTo: [...m.correlatedTo] })),
    messageStartedInstances: [...s.messageStartedInstances],
    incidents: [...s.incidents.values()],
  };
}

/** Rebuilds a state from a snapshot; `models` maps checksum + bpmnProcessId to the re-parsed model. */
export function restoreSnapshot(snap: StateSnapshot, models: Map<string, ProcessModel>): EngineState {
  const s = new EngineState();
  s.position = snap.position;
  s.nextKey = snap.nextKey;
  for (const p of snap.processes) {
    const modelKey = `${p.checksum}\u0000${p.bpmnProcessId}`;
    const model = models.get(modelKey)!;
    s.parsedModels.set(modelKey, model);
    const proc: DeployedProcess = { ...p, model };
    s.processes.set(proc.key, proc);
    const k = tenantKey(proc.tenantId, proc.bpmnProcessId);
    s.versions.set(k, [...(s.versions.get(k) ?? []), proc].sort((a, b) => a.version - b.version));
  }
  const infos = new Map<string, ProcessInstanceInfo>();
  for (const i of snap.instances) {
    if (!i.info) continue;
    infos.set(i.key, { ...i.info, key: i.key, process: s.processes.get(i.info.processDefinitionKey)! });
  }
  for (const i of snap.instances) {
    const { pi, joins, vars, info: _info, ...rest } = i;
    const inst: ElementInstance = { ...rest, pi: infos.get(pi)! };
    if (joins) inst.joins = new Map(joins.map(([gw, m]) => [gw, new Map(m)]));
    if (vars) inst.vars = new Map(vars);
    s.instances.set(inst.key, inst);
  }
  for (const inst of s.instances.values()) {
    const scope = inst.flowScopeKey ? s.instances.get(inst.flowScopeKey) : undefined;
    if (scope) (scope.children ??= new Set()).add(inst.key);
  }
  const byKey = <T extends { key: string }>(list: T[]): T[] => [...list].sort((a, b) => Number(a.key) - Number(b.key));
  for (const job of byKey(snap.jobs)) {
    s.jobs.set(job.key, job);
    if (job.state === 'ACTIVATABLE') addToIndex(s.activatable, tenantKey(job.tenantId, job.type), job.key);
    if (job.state === 'ACTIVATED') s.due.push({ due: job.deadline ?? 0, kind: 'job', key: job.key });
  }
  for (const t of snap.timers) {
    s.timers.set(t.key, t);
    if (t.elementInstanceKey) addToIndex(s.timersByOwner, t.elementInstanceKey, t.key);
    s.due.push({ due: t.dueDate, kind: 'timer', key: t.key });
  }
  for (const sub of byKey(snap.subscriptions)) {
    s.subscriptions.set(sub.key, sub);
    addToIndex(s.subscriptionsByCorrelation, correlationIndexKey(sub.tenantId, sub.messageName, sub.correlationKey), sub.key);
    addToIndex(s.subscriptionsByOwner, sub.elementInstanceKey, sub.key);
  }
  for (const sub of snap.startSubscriptions) {
    const k = tenantKey(sub.tenantId, sub.messageName);
    s.startSubscriptions.set(k, [...(s.startSubscriptions.get(k) ?? []), sub]);
  }
  for (const m of byKey(snap.messages)) {
    const msg: BufferedMessage = { ...m, correlatedTo: new Set(m.correlatedTo) };
    s.messages.set(msg.key, msg);
    addToIndex(s.messagesByCorrelation, correlationIndexKey(msg.tenantId, msg.name, msg.correlationKey), msg.key);
    if (msg.messageId) s.messageIds.add(correlationIndexKey(msg.tenantId, msg.name, msg.messageId));
    s.due.push({ due: msg.deadline, kind: 'message', key: msg.key });
  }
  for (const [k, v] of snap.messageStartedInstances) s.messageStartedInstances.set(k, v);
  for (const inc of snap.incidents) s.incidents.set(inc.key, inc);
  return s;
}
