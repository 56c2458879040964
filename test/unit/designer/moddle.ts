import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;

/** Parses BPMN XML with the Zeebe extensions, as bpmn-js does in the designer. */
export async function parseBpmn(xml: string): Promise<unknown> {
  return (await new BpmnModdle({ zeebe }).fromXML(xml)).rootElement;
}

/**
 * A small Zeebe process: start → tasks (raw XML each, ids read from them) → end, wired in order. Nodes list
 * their flows only through sequenceFlow refs, as hand-written BPMN often does; bpmn-js fills incoming/outgoing.
 */
export function processXml(tasks: string[], id = 'p'): string {
  const ids = tasks.map((t) => /id="([^"]+)"/.exec(t)![1]!);
  const chain = ['start', ...ids, 'end'];
  const flows = chain.slice(1).map((to, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${chain[i]}" targetRef="${to}" />`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${tasks.join('\n    ')}
    <bpmn:endEvent id="end" />
    ${flows.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}
