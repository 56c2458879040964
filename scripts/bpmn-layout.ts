/**
 * Makes a hand-written library BPMN deployable on Zeebe 8.5 and drawable in bpmn-js:
 * declares every flow as `<bpmn:incoming>/<bpmn:outgoing>` children of its nodes (Zeebe validates from those) and
 * writes a fresh left-to-right diagram layout (ranks by longest path from the start, back edges — 返工 loops —
 * drawn below the row). Authors write ids, names, flows and extensions; this draws.
 *
 *   npx tsx scripts/bpmn-layout.ts processes/urban-case/process.bpmn [more.bpmn ...]
 *
 * Rewrites the file in place through bpmn-moddle (XML comments are not kept: explanations go in the README).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import type { ModdleElement } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;
type M = ModdleElement & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SIZE: Record<string, [number, number]> = { event: [36, 36], gateway: [50, 50], task: [100, 80] };
const COL = 170;
const ROW = 140;

function shapeKind(el: M): keyof typeof SIZE {
  if (/Event$/.test(el.$type)) return 'event';
  if (/Gateway$/.test(el.$type)) return 'gateway';
  return 'task';
}

export async function layout(xml: string): Promise<string> {
  // the package's types declare fromXML only; create/toXML are moddle's documented API
  const moddle = new BpmnModdle({ zeebe }) as unknown as {
    fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
    create(type: string, attrs: Record<string, unknown>): M;
    toXML(el: M, opts: { format: boolean }): Promise<{ xml: string }>;
  };
  const { rootElement: defs, warnings } = await moddle.fromXML(xml);
  if (warnings.length) throw new Error(`BPMN warnings: ${warnings.map((w: { message: string }) => w.message).join('; ')}`);
  const d = defs as M;
  d.diagrams = [];
  for (const proc of (d.rootElements as M[]).filter((e) => e.$type === 'bpmn:Process')) {
    const elements = (proc.flowElements ?? []) as M[];
    const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
    const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
    for (const n of nodes) {
      n.incoming = flows.filter((f) => f.targetRef === n);
      n.outgoing = flows.filter((f) => f.sourceRef === n);
    }
    // ranks: DFS from the start events; an edge to a node on the current DFS path is a back edge
    const rank = new Map<M, number>();
    const back = new Set<M>();
    const onPath = new Set<M>();
    const order: M[] = [];
    const visit = (n: M) => {
      onPath.add(n);
      order.push(n);
      const next = [...(n.outgoing as M[])];
      for (const b of nodes.filter((x) => x.attachedToRef === n)) next.push(...(b.outgoing as M[]));
      for (const f of next) {
        const t = f.targetRef as M;
        if (onPath.has(t)) { back.add(f); continue; }
        if (!order.includes(t)) visit(t);
      }
      onPath.delete(n);
    };
    for (const s of nodes.filter((n) => n.$type === 'bpmn:StartEvent')) visit(s);
    for (const n of nodes) if (!order.includes(n) && n.$type !== 'bpmn:BoundaryEvent') visit(n);
    // longest path over forward edges (boundary events hand their host's rank on)
    const rankOf = (n: M): number => {
      const known = rank.get(n);
      if (known !== undefined) return known;
      rank.set(n, 0);
      let r = 0;
      for (const f of n.incoming as M[]) {
        if (back.has(f)) continue;
        const src = f.sourceRef as M;
        const base = src.$type === 'bpmn:BoundaryEvent' ? rankOf(src.attachedToRef as M) : rankOf(src);
        r = Math.max(r, base + 1);
      }
      rank.set(n, r);
      return r;
    };
    const placed = nodes.filter((n) => n.$type !== 'bpmn:BoundaryEvent');
    const rows = new Map<number, number>();
    const bounds = new Map<M, { x: number; y: number; w: number; h: number }>();
    for (const n of order.filter((x) => placed.includes(x))) {
      const r = rankOf(n);
      const row = rows.get(r) ?? 0;
      rows.set(r, row + 1);
      const [w, h] = SIZE[shapeKind(n)]!;
      const cx = 120 + r * COL;
      const cy = 120 + row * ROW;
      bounds.set(n, { x: cx - w / 2, y: cy - h / 2, w, h });
    }
    const hostCount = new Map<M, number>();
    for (const b of nodes.filter((n) => n.$type === 'bpmn:BoundaryEvent')) {
      const host = bounds.get(b.attachedToRef as M)!;
      const i = hostCount.get(b.attachedToRef as M) ?? 0;
      hostCount.set(b.attachedToRef as M, i + 1);
      bounds.set(b, { x: host.x + 10 + i * 40, y: host.y + host.h - 18, w: 36, h: 36 });
    }
    const maxY = Math.max(...[...bounds.values()].map((b) => b.y + b.h));
    const planeElements: M[] = [];
    for (const [n, b] of bounds) {
      planeElements.push(
        moddle.create('bpmndi:BPMNShape', {
          id: `${n.id}_di`,
          bpmnElement: n,
          ...(n.$type === 'bpmn:ExclusiveGateway' ? { isMarkerVisible: true } : {}),
          bounds: moddle.create('dc:Bounds', { x: b.x, y: b.y, width: b.w, height: b.h }),
        }) as M,
      );
    }
    let backLane = 0;
    for (const f of flows) {
      const s = bounds.get(f.sourceRef as M)!;
      const t = bounds.get(f.targetRef as M)!;
      const pts: [number, number][] = [];
      if (back.has(f)) {
        const y = maxY + 30 + 20 * backLane++;
        pts.push([s.x + s.w / 2, s.y + s.h], [s.x + s.w / 2, y], [t.x + t.w / 2, y], [t.x + t.w / 2, t.y + t.h]);
      } else if ((f.sourceRef as M).$type === 'bpmn:BoundaryEvent') {
        pts.push([s.x + s.w / 2, s.y + s.h], [s.x + s.w / 2, t.y + t.h / 2], [t.x, t.y + t.h / 2]);
      } else {
        const sy = s.y + s.h / 2;
        const ty = t.y + t.h / 2;
        const sx = s.x + s.w;
        if (sy === ty) pts.push([sx, sy], [t.x, ty]);
        else pts.push([sx, sy], [sx + 20, sy], [sx + 20, ty], [t.x, ty]);
      }
      planeElements.push(
        moddle.create('bpmndi:BPMNEdge', {
          id: `${f.id}_di`,
          bpmnElement: f,
          waypoint: pts.map(([x, y]) => moddle.create('dc:Point', { x, y })),
        }) as M,
      );
    }
    const plane = moddle.create('bpmndi:BPMNPlane', { id: `${proc.id}_plane`, bpmnElement: proc, planeElement: planeElements });
    d.diagrams.push(moddle.create('bpmndi:BPMNDiagram', { id: `${proc.id}_diagram`, plane }));
  }
  const { xml: out } = await moddle.toXML(d, { format: true });
  return out + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    writeFileSync(file, await layout(readFileSync(file, 'utf8')));
    console.log(`laid out ${file}`);
  }
}
