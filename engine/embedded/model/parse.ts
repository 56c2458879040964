/**
 * BPMN XML → executable ProcessModel(s), with structural deployment problems collected (not thrown) so that
 * one deployment reports every problem at once. Expression checks live in validate.ts.
 */
import { BpmnModdle } from 'bpmn-moddle';
import type { ModdleElement } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import type { DeploymentProblem } from '../../port.js';
import { declaredFlowProblems, type DeclaredFlows } from './declared-flows.js';
import type { BpmnElementType, ElementDef, FlowDef, LoopDef, Mapping, ProcessModel, TimerDef } from './types.js';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;

/** Moddle elements are a dynamic tree; this reads one property without pretending to know its type. */
type M = ModdleElement;
const get = (el: M | undefined, key: string): unknown => (el ? el[key] : undefined);
const list = (el: M | undefined, key: string): M[] => (get(el, key) as M[] | undefined) ?? [];
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

const TYPE_BY_MODDLE: Record<string, BpmnElementType> = {
  'bpmn:StartEvent': 'START_EVENT',
  'bpmn:EndEvent': 'END_EVENT',
  'bpmn:IntermediateCatchEvent': 'INTERMEDIATE_CATCH_EVENT',
  'bpmn:IntermediateThrowEvent': 'INTERMEDIATE_THROW_EVENT',
  'bpmn:BoundaryEvent': 'BOUNDARY_EVENT',
  'bpmn:ServiceTask': 'SERVICE_TASK',
  'bpmn:SendTask': 'SEND_TASK',
  'bpmn:ScriptTask': 'SCRIPT_TASK',
  'bpmn:UserTask': 'USER_TASK',
  'bpmn:ReceiveTask': 'RECEIVE_TASK',
  'bpmn:ManualTask': 'MANUAL_TASK',
  'bpmn:Task': 'TASK',
  'bpmn:ExclusiveGateway': 'EXCLUSIVE_GATEWAY',
  'bpmn:ParallelGateway': 'PARALLEL_GATEWAY',
  'bpmn:InclusiveGateway': 'INCLUSIVE_GATEWAY',
  'bpmn:EventBasedGateway': 'EVENT_BASED_GATEWAY',
  'bpmn:SubProcess': 'SUB_PROCESS',
  'bpmn:CallActivity': 'CALL_ACTIVITY',
};
const IGNORED = new Set(['bpmn:SequenceFlow', 'bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:DataObject',
  'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:Group']);

export interface ParsedResource {
  processes: ProcessModel[];
  problems: DeploymentProblem[];
}

export async function parseBpmn(xml: string, resourceName: string): Promise<ParsedResource> {
  const problems: DeploymentProblem[] = [];
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  let root: M;
  try {
    root = (await moddle.fromXML(xml)).rootElement;
  } catch (err) {
    return { processes: [], problems: [{ resourceName, message: `not a BPMN 2.0 document: ${(err as Error).message}` }] };
  }
  const executable = list(root, 'rootElements').filter((r) => r.$type === 'bpmn:Process' && get(r, 'isExecutable') !== false);
  if (executable.length === 0) problems.push({ resourceName, message: 'the document has no executable process' });
  const processes = executable.map((p) => new ProcessBuilder(p, resourceName, problems).build());
  return { processes, problems };
}

class ProcessBuilder {
  private readonly elements = new Map<string, ElementDef>();
  private readonly flows = new Map<string, FlowDef>();
  /** The <bpmn:incoming>/<bpmn:outgoing> children of each node (Zeebe validates some nodes from these). */
  private readonly declared = new Map<string, DeclaredFlows>();
  private readonly model: ProcessModel;

  constructor(private readonly process: M, private readonly resourceName: string, private readonly problems: DeploymentProblem[]) {
    this.model = { bpmnProcessId: process.id ?? '', elements: this.elements, flows: this.flows, messageStartIds: [], timerStartIds: [] };
  }

  build(): ProcessModel {
    const processDef: ElementDef = { id: this.model.bpmnProcessId, type: 'PROCESS', incoming: [], outgoing: [] };
    this.elements.set(processDef.id, processDef);
    this.container(this.process, processDef);
    for (const id of processDef.childIds ?? []) {
      const el = this.elements.get(id)!;
      if (el.type !== 'START_EVENT') continue;
      if (el.eventKind === 'message') this.model.messageStartIds.push(id);
      else if (el.eventKind === 'timer') this.model.timerStartIds.push(id);
      else if (el.eventKind !== 'none') this.problem(id, `a process start event cannot be a ${el.eventKind} event`);
    }
    return this.model;
  }

  private problem(elementId: string | undefined, message: string): void {
    this.problems.push({ resourceName: this.resourceName, ...(elementId ? { elementId } : {}), message });
  }

  private container(source: M, def: ElementDef): void {
    def.childIds = [];
    const flowEls = list(source, 'flowElements');
    for (const fe of flowEls) {
      if (fe.$type === 'bpmn:SequenceFlow') {
        const cond = str(get(get(fe, 'conditionExpression') as M, 'body'));
        const flow: FlowDef = {
          id: fe.id ?? '',
          sourceId: (get(fe, 'sourceRef') as M | undefined)?.id ?? '',
          targetId: (get(fe, 'targetRef') as M | undefined)?.id ?? '',
          ...(cond ? { condition: cond } : {}),
        };
        this.flows.set(flow.id, flow);
      }
    }
    for (const fe of flowEls) {
      if (IGNORED.has(fe.$type)) continue;
      const el = this.element(fe, def.id);
      if (!el) continue;
      def.childIds.push(el.id);
      if (el.type === 'EVENT_SUB_PROCESS') (def.eventSubprocessIds ??= []).push(el.id);
    }
    for (const flow of this.flows.values()) {
      const src = this.elements.get(flow.sourceId);
      const tgt = this.elements.get(flow.targetId);
      if (src?.flowScopeId !== def.id) continue;
      if (!tgt) {
        this.problem(flow.id, `sequence flow targets unknown element '${flow.targetId}'`);
        continue;
      }
      src.outgoing.push(flow);
      tgt.incoming.push(flow);
    }
    const starts = def.childIds.map((id) => this.elements.get(id)!).filter((e) => e.type === 'START_EVENT');
    const none = starts.filter((s) => s.eventKind === 'none');
    if (none.length > 1) this.problem(def.id, 'more than one none start event');
    if (none[0]) def.noneStartId = none[0].id;
    else if (def.type === 'SUB_PROCESS') this.problem(def.id, 'an embedded subprocess needs exactly one none start event');
    if (def.type === 'EVENT_SUB_PROCESS') {
      if (starts.length !== 1 || !starts[0] || starts[0].eventKind === 'none') {
        this.problem(def.id, 'an event subprocess needs exactly one start event with a message, timer, error or escalation definition');
      } else {
        def.startEventId = starts[0].id;
        def.noneStartId = starts[0].id;
      }
    }
    for (const id of def.childIds) {
      const el = this.elements.get(id)!;
      this.checkFlows(el);
      if (el.type !== 'BOUNDARY_EVENT' || !el.attachedToId) continue;
      const host = this.elements.get(el.attachedToId);
      if (!host || host.flowScopeId !== def.id) this.problem(el.id, `boundary event attached to unknown activity '${el.attachedToId}'`);
      else (host.boundaryIds ??= []).push(el.id);
    }
  }

  private checkFlows(el: ElementDef): void {
    if (el.type === 'EXCLUSIVE_GATEWAY' || el.type === 'INCLUSIVE_GATEWAY') {
      if (el.outgoing.length > 1) {
        for (const f of el.outgoing) {
          if (f.id !== el.defaultFlowId && !f.condition) {
            this.problem(f.id, `sequence flow '${f.id}' leaving gateway '${el.id}' needs a condition (or must be the default flow)`);
          }
        }
      }
      if (el.defaultFlowId && !el.outgoing.some((f) => f.id === el.defaultFlowId)) {
        this.problem(el.id, `default flow '${el.defaultFlowId}' does not leave gateway '${el.id}'`);
      }
    }
    if (el.type === 'EVENT_BASED_GATEWAY') {
      if (el.outgoing.length < 2) this.problem(el.id, 'an event-based gateway needs at least two outgoing flows');
      for (const f of el.outgoing) {
        const t = this.elements.get(f.targetId);
        if (!t || t.type !== 'INTERMEDIATE_CATCH_EVENT' || (t.eventKind !== 'message' && t.eventKind !== 'timer')) {
          this.problem(el.id, `event-based gateway flow '${f.id}' must lead to a message or timer intermediate catch event`);
        }
      }
    }
    if (el.type === 'START_EVENT' && el.incoming.length > 0) this.problem(el.id, 'a start event cannot have incoming flows');
    if (el.type === 'END_EVENT' && el.outgoing.length > 0) this.problem(el.id, 'an end event cannot have outgoing flows');
    if (el.type === 'BOUNDARY_EVENT' && el.incoming.length > 0) this.problem(el.id, 'a boundary event cannot have incoming flows');
    for (const message of declaredFlowProblems(el, (id) => this.declared.get(id), this.flows)) this.problem(el.id, message);
  }

  private element(fe: M, flowScopeId: string): ElementDef | undefined {
    const id = fe.id ?? '';
    let type = TYPE_BY_MODDLE[fe.$type];
    if (fe.$type === 'bpmn:SubProcess' && get(fe, 'triggeredByEvent') === true) type = 'EVENT_SUB_PROCESS';
    if (!type) {
      this.problem(id, `element type ${fe.$type.replace('bpmn:', '')} is not supported`);
      return undefined;
    }
    const name = str(get(fe, 'name'));
    const def: ElementDef = { id, type, flowScopeId, incoming: [], outgoing: [], ...(name ? { name } : {}) };
    this.elements.set(id, def);
    this.declared.set(id, { incoming: list(fe, 'incoming').map((f) => f.id ?? ''), outgoing: list(fe, 'outgoing').map((f) => f.id ?? '') });
    const dflt = (get(fe, 'default') as M | undefined)?.id;
    if (dflt) def.defaultFlowId = dflt;
    const ext = list(get(fe, 'extensionElements') as M, 'values');
    const extOf = (t: string): M | undefined => ext.find((e) => e.$type === t);

    const io = extOf('zeebe:IoMapping');
    const mappings = (key: string): Mapping[] =>
      list(io, key).map((p) => ({ source: str(get(p, 'source')) ?? '=null', target: str(get(p, 'target')) ?? '' }));
    if (io) {
      const inputs = mappings('inputParameters');
      const outputs = mappings('outputParameters');
      if (inputs.length) def.inputs = inputs;
      if (outputs.length) def.outputs = outputs;
      for (const m of [...inputs, ...outputs]) if (!m.target) this.problem(id, 'an io mapping needs a target');
    }

    if (fe.$type.endsWith('Event')) this.event(fe, def);
    if (type === 'RECEIVE_TASK') {
      def.eventKind = 'message';
      this.messageRef(def, get(fe, 'messageRef') as M | undefined);
    }
    switch (type) {
      case 'SERVICE_TASK':
      case 'SEND_TASK':
      case 'SCRIPT_TASK':
      case 'USER_TASK':
        this.task(def, extOf);
        break;
      case 'SUB_PROCESS':
      case 'EVENT_SUB_PROCESS':
        this.container(fe, def);
        break;
      case 'CALL_ACTIVITY': {
        const ce = extOf('zeebe:CalledElement');
        const processId = str(get(ce, 'processId'));
        if (!processId) this.problem(id, 'a call activity needs zeebe:calledElement with a processId');
        def.calledElement = {
          processId: processId ?? '',
          propagateAllChildVariables: get(ce, 'propagateAllChildVariables') !== false,
          propagateAllParentVariables: get(ce, 'propagateAllParentVariables') !== false,
        };
        break;
      }
      case 'BOUNDARY_EVENT': {
        const attached = (get(fe, 'attachedToRef') as M | undefined)?.id;
        if (!attached) this.problem(id, 'a boundary event must be attached to an activity');
        else def.attachedToId = attached;
        def.interrupting = get(fe, 'cancelActivity') !== false;
        if (def.eventKind === 'error') def.interrupting = true;
        break;
      }
      default:
        break;
    }
    if (type === 'START_EVENT') def.interrupting = get(fe, 'isInterrupting') !== false;
    const loop = get(fe, 'loopCharacteristics') as M | undefined;
    if (loop) this.loop(def, loop);
    return def;
  }

  private task(def: ElementDef, extOf: (t: string) => M | undefined): void {
    if (def.type === 'SCRIPT_TASK') {
      const script = extOf('zeebe:Script');
      const expression = str(get(script, 'expression'));
      if (expression) {
        const resultVariable = str(get(script, 'resultVariable'));
        def.script = { expression, ...(resultVariable ? { resultVariable } : {}) };
        if (!resultVariable) this.problem(def.id, 'a script task with zeebe:script needs a resultVariable');
        return;
      }
    }
    const headers: Record<string, string> = {};
    for (const h of list(extOf('zeebe:TaskHeaders'), 'values')) {
      const key = str(get(h, 'key'));
      if (key) headers[key] = String(get(h, 'value') ?? '');
    }
    if (def.type === 'USER_TASK') {
      const assignment = extOf('zeebe:AssignmentDefinition');
      const form = extOf('zeebe:FormDefinition');
      const schedule = extOf('zeebe:TaskSchedule');
      const put = (header: string, v: unknown): void => {
        const s = str(v);
        if (s) headers[`io.camunda.zeebe:${header}`] = s;
      };
      put('formKey', get(form, 'formKey') ?? get(form, 'formId'));
      put('assignee', get(assignment, 'assignee'));
      put('candidateGroups', get(assignment, 'candidateGroups'));
      put('candidateUsers', get(assignment, 'candidateUsers'));
      put('dueDate', get(schedule, 'dueDate'));
      put('followUpDate', get(schedule, 'followUpDate'));
      def.job = { type: 'io.camunda.zeebe:userTask', retries: '1', headers };
      return;
    }
    const td = extOf('zeebe:TaskDefinition');
    const type = str(get(td, 'type'));
    if (!type) {
      this.problem(def.id, `${def.type === 'SCRIPT_TASK' ? 'a script task needs zeebe:script or' : 'a task needs'} zeebe:taskDefinition with a type`);
    }
    def.job = { type: type ?? '', retries: str(get(td, 'retries')) ?? '3', headers };
  }

  private event(fe: M, def: ElementDef): void {
    const defs = list(fe, 'eventDefinitions');
    if (defs.length > 1) this.problem(def.id, 'multiple event definitions on one event are not supported');
    const ed = defs[0];
    if (!ed) {
      def.eventKind = 'none';
      return;
    }
    switch (ed.$type) {
      case 'bpmn:MessageEventDefinition': {
        def.eventKind = 'message';
        const msg = get(ed, 'messageRef') as M | undefined;
        if (def.type === 'END_EVENT' || def.type === 'INTERMEDIATE_THROW_EVENT') {
          // message throw events are job-based in Zeebe
          const td = list(get(fe, 'extensionElements') as M, 'values').find((e) => e.$type === 'zeebe:TaskDefinition');
          const type = str(get(td, 'type'));
          if (!type) this.problem(def.id, 'a message throw event needs zeebe:taskDefinition with a type');
          def.job = { type: type ?? '', retries: str(get(td, 'retries')) ?? '3', headers: {} };
          return;
        }
        this.messageRef(def, msg);
        return;
      }
      case 'bpmn:TimerEventDefinition': {
        def.eventKind = 'timer';
        const pick = (key: string, kind: TimerDef['kind']): TimerDef | undefined => {
          const body = str(get(get(ed, key) as M, 'body'));
          return body ? { kind, expression: body } : undefined;
        };
        const timer = pick('timeDate', 'date') ?? pick('timeDuration', 'duration') ?? pick('timeCycle', 'cycle');
        if (!timer) this.problem(def.id, 'a timer event needs a timeDate, timeDuration or timeCycle');
        else def.timer = timer;
        return;
      }
      case 'bpmn:ErrorEventDefinition': {
        def.eventKind = 'error';
        const code = str(get(get(ed, 'errorRef') as M, 'errorCode'));
        if (code) def.errorCode = code;
        else if (def.type === 'END_EVENT') this.problem(def.id, 'an error end event needs an error with an errorCode');
        return;
      }
      case 'bpmn:EscalationEventDefinition': {
        def.eventKind = 'escalation';
        const code = str(get(get(ed, 'escalationRef') as M, 'escalationCode'));
        if (code) def.escalationCode = code;
        else if (def.type === 'END_EVENT' || def.type === 'INTERMEDIATE_THROW_EVENT') {
          this.problem(def.id, 'an escalation throw event needs an escalation with an escalationCode');
        }
        return;
      }
      case 'bpmn:TerminateEventDefinition':
        def.eventKind = 'terminate';
        if (def.type !== 'END_EVENT') this.problem(def.id, 'terminate is only supported on end events');
        return;
      default:
        this.problem(def.id, `event definition ${ed.$type.replace('bpmn:', '')} is not supported`);
    }
  }

  private messageRef(def: ElementDef, msg: M | undefined): void {
    const name = str(get(msg, 'name'));
    if (!name) {
      this.problem(def.id, 'a message catch event or receive task needs a message with a name');
      return;
    }
    const sub = list(get(msg, 'extensionElements') as M, 'values').find((e) => e.$type === 'zeebe:Subscription');
    const correlationKey = str(get(sub, 'correlationKey'));
    def.message = { name, ...(correlationKey ? { correlationKey } : {}) };
    const isProcessStart = def.type === 'START_EVENT' && this.elements.get(def.flowScopeId ?? '')?.type === 'PROCESS';
    if (!correlationKey && !isProcessStart) this.problem(def.id, `message '${name}' needs a zeebe:subscription correlationKey`);
  }

  private loop(def: ElementDef, loop: M): void {
    if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      this.problem(def.id, 'standard loops are not supported; use multi-instance');
      return;
    }
    const ext = list(get(loop, 'extensionElements') as M, 'values').find((e) => e.$type === 'zeebe:LoopCharacteristics');
    const l: LoopDef = { sequential: get(loop, 'isSequential') === true };
    const set = (k: keyof Omit<LoopDef, 'sequential'>, v: unknown): void => {
      const s = str(v);
      if (s) l[k] = s;
    };
    set('inputCollection', get(ext, 'inputCollection'));
    set('inputElement', get(ext, 'inputElement'));
    set('outputCollection', get(ext, 'outputCollection'));
    set('outputElement', get(ext, 'outputElement'));
    set('completionCondition', get(get(loop, 'completionCondition') as M, 'body'));
    if (!l.inputCollection) this.problem(def.id, 'multi-instance needs zeebe:loopCharacteristics inputCollection');
    if (l.outputCollection && !l.outputElement) this.problem(def.id, 'multi-instance outputCollection needs an outputElement');
    def.loop = l;
  }
}
