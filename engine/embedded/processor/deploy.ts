/**
 * The deploy command: a new version per (tenant, bpmnProcessId) unless the same resource was deployed
 * last (then the existing version is returned); message and timer start events of the previous version
 * are replaced by the new version's.
 */
import { EngineError, type DeployResult, type DeploymentProblem } from '../../port.js';
import { IncidentFault } from '../expression.js';
import type { ProcessModel } from '../model/types.js';
import type { EngineState } from '../state/state.js';
import type { DeployedProcess } from '../state/types.js';
import type { Commands } from './commands.js';
import { planTimer, type TimerPlan } from './timers.js';
import type { RecordWriter } from './writer.js';

export interface ParsedDeployResource {
  name: string;
  xml: string;
  checksum: string;
  processes: ProcessModel[];
}

export function deploy(
  state: EngineState, writer: RecordWriter, commands: Commands, resources: ParsedDeployResource[], tenantId: string, now: number,
): DeployResult {
  // evaluate start timers first so that a bad one rejects the whole deployment before anything is written
  const problems: DeploymentProblem[] = [];
  const timers = new Map<ProcessModel, { id: string; plan: TimerPlan }[]>();
  for (const r of resources) {
    for (const model of r.processes) {
      const list = model.timerStartIds.flatMap((id) => {
        try {
          return [{ id, plan: planTimer(model.elements.get(id)!.timer!, {}, now) }];
        } catch (err) {
          problems.push({ resourceName: r.name, elementId: id, message: err instanceof IncidentFault ? err.message : String(err) });
          return [];
        }
      });
      timers.set(model, list);
    }
  }
  if (problems.length) throw new EngineError('engine.deploy_invalid', `invalid deployment: ${problems.map((p) => p.message).join('; ')}`, problems);

  const deploymentKey = state.newKey();
  const processes: DeployResult['processes'] = [];
  for (const r of resources) {
    for (const model of r.processes) {
      const latest = state.latest(tenantId, model.bpmnProcessId);
      let proc: DeployedProcess;
      if (latest && latest.checksum === r.checksum && latest.resourceName === r.name) {
        proc = latest;
      } else {
        state.parsedModels.set(`${r.checksum}\u0000${model.bpmnProcessId}`, model);
        const key = state.newKey();
        writer.write({
          key, valueType: 'PROCESS', intent: 'CREATED', tenantId, bpmnProcessId: model.bpmnProcessId,
          processDefinitionKey: key, version: (latest?.version ?? 0) + 1,
          value: { bpmnProcessId: model.bpmnProcessId, version: (latest?.version ?? 0) + 1, resourceName: r.name, checksum: r.checksum, resource: r.xml, deploymentKey },
        });
        proc = state.processes.get(key)!;
        if (latest) replaceStartEvents(state, writer, latest);
        for (const t of timers.get(model) ?? []) commands.createStartTimer(proc, t.id, t.plan.dueDate, t.plan.repetitions, t.plan.cycle);
        for (const id of model.messageStartIds) {
          writer.write({
            key: state.newKey(), valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION', intent: 'CREATED', tenantId,
            bpmnProcessId: proc.bpmnProcessId, processDefinitionKey: proc.key, elementId: id,
            value: { processDefinitionKey: proc.key, bpmnProcessId: proc.bpmnProcessId, targetElementId: id, messageName: model.elements.get(id)!.message!.name, tenantId },
          });
        }
      }
      processes.push({ bpmnProcessId: proc.bpmnProcessId, version: proc.version, processDefinitionKey: proc.key, resourceName: proc.resourceName, tenantId });
    }
  }
  writer.write({
    key: deploymentKey, valueType: 'DEPLOYMENT', intent: 'CREATED', tenantId,
    value: { resources: resources.map((r) => r.name), processesMetadata: processes },
  });
  return { deploymentKey, processes };
}

function replaceStartEvents(state: EngineState, writer: RecordWriter, old: DeployedProcess): void {
  for (const t of [...state.timers.values()]) {
    if (t.processDefinitionKey !== old.key || t.elementInstanceKey) continue;
    writer.write({ key: t.key, valueType: 'TIMER', intent: 'CANCELED', tenantId: t.tenantId, elementId: t.targetElementId, processDefinitionKey: old.key, value: { dueDate: t.dueDate } });
  }
  for (const id of old.model.messageStartIds) {
    writer.write({
      key: state.newKey(), valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION', intent: 'DELETED', tenantId: old.tenantId,
      bpmnProcessId: old.bpmnProcessId, processDefinitionKey: old.key, elementId: id,
      value: { processDefinitionKey: old.key, bpmnProcessId: old.bpmnProcessId, targetElementId: id, messageName: old.model.elements.get(id)!.message!.name, tenantId: old.tenantId },
    });
  }
}
