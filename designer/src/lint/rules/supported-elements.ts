import { text, type Rule } from './moddle.js';

/**
 * What the embedded engine rejects at deployment (engine/README.md, "Supported BPMN": anything not listed there).
 * Checked in the designer so the author sees it on the diagram before deploying, on either engine.
 */
const UNSUPPORTED_ELEMENTS: Record<string, string> = {
  'bpmn:ComplexGateway': 'complex gateway',
  'bpmn:BusinessRuleTask': 'business rule task',
  'bpmn:Transaction': 'transaction',
  'bpmn:AdHocSubProcess': 'ad-hoc sub-process',
  'bpmn:StandardLoopCharacteristics': 'standard loop',
};

const UNSUPPORTED_EVENT_DEFINITIONS: Record<string, string> = {
  'bpmn:SignalEventDefinition': 'signal event',
  'bpmn:CompensateEventDefinition': 'compensation event',
  'bpmn:ConditionalEventDefinition': 'conditional event',
  'bpmn:LinkEventDefinition': 'link event',
  'bpmn:CancelEventDefinition': 'cancel event',
};

function unsupportedReason(node: Parameters<Rule['check']>[0]): string | undefined {
  for (const [type, label] of Object.entries(UNSUPPORTED_ELEMENTS)) if (node.$instanceOf(type)) return label;
  if (node.$instanceOf('bpmn:Event')) {
    const defs = (node.eventDefinitions as { $type: string }[] | undefined) ?? [];
    if (defs.length > 1) return 'multiple event definitions';
    const label = defs[0] && UNSUPPORTED_EVENT_DEFINITIONS[defs[0].$type];
    if (label) return label;
  }
  return undefined;
}

/** No element the embedded engine does not support. */
export default function supportedElements(): Rule {
  return {
    check(node, reporter) {
      const reason = unsupportedReason(node);
      if (reason) reporter.report(text(node.id) ?? (node.$parent?.id as string | undefined) ?? '', `Not supported by the engine: ${reason}`);
    },
  };
}
