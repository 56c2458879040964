/**
 * Every process of the library is a valid, drawable, deployable Zeebe-flavoured BPMN: it parses with
 * bpmn-moddle + zeebe-bpmn-moddle without warnings, declares its flows on every node (Zeebe 8.5 validates from
 * those), has a diagram shape/edge for every element, deploys on the embedded engine, and the forms, time limits
 * and routing it ships are accepted by the registries that will load them.
 */
import { describe, expect, it } from '@jest/globals';
import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import { createEmbeddedEngine } from '../../engine/index.js';
import { lintFormDefinition } from '../../forms/index.js';
import { readLibrary } from '../../server/library/index.js';
import { parseRoutingTable } from '../../server/routing/index.js';
import { parseTable } from '../../server/time-limits/index.js';

const require = createRequire(import.meta.url);
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;
const library = readLibrary();
type M = Record<string, any>;

describe('the process library', () => {
  it('holds the urban-case process at least', () => {
    expect(library.map((p) => p.id)).toContain('urban-case');
  });

  describe.each(library.map((p) => [p.id, p] as const))('%s', (_id, p) => {
    it('parses with the Zeebe moddle without warnings, every node declares its flows, every element is drawn', async () => {
      const { rootElement, warnings } = await new BpmnModdle({ zeebe }).fromXML(p.xml);
      expect(warnings).toEqual([]);
      const defs = rootElement as M;
      const proc = (defs.rootElements as M[]).find((e) => e.$type === 'bpmn:Process')!;
      const elements = proc.flowElements as M[];
      const drawn = new Set((defs.diagrams as M[]).flatMap((d) => (d.plane.planeElement as M[]).map((e) => (e.bpmnElement as M).id as string)));
      for (const el of elements) {
        expect([el.id, drawn.has(el.id)]).toEqual([el.id, true]);
        if (el.$type === 'bpmn:SequenceFlow') continue;
        const declaredIn = ((el.incoming ?? []) as M[]).map((f) => f.id).sort();
        const declaredOut = ((el.outgoing ?? []) as M[]).map((f) => f.id).sort();
        const actualIn = elements.filter((f) => f.$type === 'bpmn:SequenceFlow' && f.targetRef === el).map((f) => f.id).sort();
        const actualOut = elements.filter((f) => f.$type === 'bpmn:SequenceFlow' && f.sourceRef === el).map((f) => f.id).sort();
        expect({ id: el.id, declaredIn, declaredOut }).toEqual({ id: el.id, declaredIn: actualIn, declaredOut: actualOut });
        // Chinese names for people, English ids for machines
        expect([el.id, /^[A-Za-z][A-Za-z0-9_]*$/.test(el.id)]).toEqual([el.id, true]);
        expect([el.id, typeof el.name === 'string' && /[\u4e00-\u9fff]/.test(el.name)]).toEqual([el.id, true]);
      }
    });

    it('deploys on the embedded engine', async () => {
      const engine = createEmbeddedEngine();
      await engine.start();
      try {
        const result = await engine.deploy([{ name: `${p.id}.bpmn`, content: p.xml }]);
        expect(result.processes.map((d) => d.bpmnProcessId)).toContain(p.bpmnProcessId);
      } finally {
        await engine.stop();
      }
    });

    it('ships a form without lint problems for every form a user task names, and valid tables', () => {
      const formKeys = [...p.xml.matchAll(/formKey="([^"]+)"/g)].map((m) => m[1]!);
      const shipped = new Map(p.forms.map((f) => [f.formKey, f]));
      for (const key of formKeys) {
        expect([key, shipped.has(key)]).toEqual([key, true]);
        expect([key, lintFormDefinition(shipped.get(key)!.definition as never)]).toEqual([key, []]);
      }
      if (p.timeLimits) expect(parseTable(p.timeLimits).processId ?? p.bpmnProcessId).toBe(p.bpmnProcessId);
      if (p.routing) expect(parseRoutingTable(p.routing).processId ?? p.bpmnProcessId).toBe(p.bpmnProcessId);
    });
  });
});
