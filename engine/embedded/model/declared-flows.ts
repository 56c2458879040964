/**
 * Zeebe 8.5 validates boundary events and event-based gateways from the flows a node DECLARES — its
 * `<bpmn:incoming>`/`<bpmn:outgoing>` children, which Camunda Modeler and bpmn-js always write — not from the
 * sequence flows' `sourceRef`/`targetRef`, from which this engine builds its graph. A hand-written or generated
 * document without the children is rejected by Zeebe at deployment; Zeebe is the reference, so it is rejected
 * here too, with a message that says which children to add. (Checked against zeebe-bpmn-model 8.5.8:
 * BoundaryEventValidator, EventBasedGatewayValidator.)
 */
import type { ElementDef, FlowDef } from './types.js';

/** The sequence-flow ids a node lists as its `<bpmn:incoming>` and `<bpmn:outgoing>` children. */
export interface DeclaredFlows {
  incoming: string[];
  outgoing: string[];
}

const NONE: DeclaredFlows = { incoming: [], outgoing: [] };

function missingHint(el: ElementDef, declared: DeclaredFlows): string {
  const missing = el.outgoing.map((f) => f.id).filter((id) => !declared.outgoing.includes(id));
  return missing.length ? `; add ${missing.map((id) => `<bpmn:outgoing>${id}</bpmn:outgoing>`).join(' ')} to it` : '';
}

/** Problems Zeebe would report for this element, judged by its declared flows. */
export function declaredFlowProblems(
  el: ElementDef,
  declaredOf: (elementId: string) => DeclaredFlows | undefined,
  flows: ReadonlyMap<string, FlowDef>,
): string[] {
  const declared = declaredOf(el.id) ?? NONE;
  if (el.type === 'BOUNDARY_EVENT' && declared.outgoing.length === 0) {
    return [`a boundary event needs at least one outgoing sequence flow listed as a <bpmn:outgoing> child (Zeebe reads its flows from there)${missingHint(el, declared)}`];
  }
  if (el.type !== 'EVENT_BASED_GATEWAY') return [];
  const problems: string[] = [];
  if (declared.outgoing.length < 2) {
    problems.push(`an event-based gateway needs at least two outgoing sequence flows listed as <bpmn:outgoing> children (Zeebe reads its flows from there)${missingHint(el, declared)}`);
  }
  for (const flowId of declared.outgoing) {
    const targetId = flows.get(flowId)?.targetId;
    if (!targetId) continue;
    const others = (declaredOf(targetId) ?? NONE).incoming.map((id) => flows.get(id)?.sourceId).filter((source) => source !== el.id);
    if (others.length) {
      problems.push(`'${targetId}' follows event-based gateway '${el.id}' and must have no other incoming sequence flow (declared: ${others.join(', ')})`);
    }
  }
  return problems;
}
