/**
 * Publishes a library process folder for an org unit, idempotently: deploy the BPMN (identical content keeps
 * its version), create/publish each form only when its definition changed, save mappings only when their
 * source changed, and store the time-limit and routing tables at the unit's scope. Loading twice changes nothing.
 */
import { createHash } from 'node:crypto';
import type { DefinitionService } from '../engine/definitions.js';
import type { FormRegistry, MappingKind, MappingRegistry } from '../forms/index.js';
import type { CommandContext } from '../identity/context.js';
import type { RoutingService } from '../routing/index.js';
import type { TimeLimitService } from '../time-limits/index.js';
import type { LibraryProcess } from './folder.js';

export interface LibraryTargets {
  definitions: DefinitionService;
  forms: FormRegistry;
  mappings: MappingRegistry;
  timeLimits: TimeLimitService;
  routing: RoutingService;
  /** Grants the permissions a process's roles.json names (already held ones are no-ops). */
  authz?: { addPermission(role: string, object: string, action: string, ctx: CommandContext): Promise<boolean> };
}

export interface LoadReport {
  process: string;
  bpmnProcessId: string;
  version: number;
  definitionKey: string;
  formsPublished: string[];
  mappingsSaved: string[];
  timeLimits: boolean;
  routing: boolean;
  permissionsGranted: string[];
}

export async function loadProcess(p: LibraryProcess, scopeUnitId: string, t: LibraryTargets, ctx: CommandContext): Promise<LoadReport> {
  const formsPublished: string[] = [];
  for (const f of p.forms) {
    const existing = await t.forms.latestVersionOf(f.formKey).catch(() => null);
    const known = await t.forms.get(f.formKey).catch(() => undefined);
    if (!known) await t.forms.create({ formKey: f.formKey, title: f.title, unitId: scopeUnitId, definition: f.definition as never }, ctx);
    if (existing) {
      const latest = await t.forms.version(f.formKey, existing);
      if (latest.hash === createHash('sha256').update(JSON.stringify(f.definition)).digest('hex')) continue;
    }
    await t.forms.saveDraft(f.formKey, { title: f.title, definition: f.definition as never }, ctx);
    await t.forms.publish(f.formKey, ctx);
    formsPublished.push(f.formKey);
  }
  const mappingsSaved: string[] = [];
  for (const m of p.mappings) {
    const existing = await t.mappings.find(m.id);
    if (existing?.source === m.source) continue;
    await t.mappings.save(m.id, { kind: m.kind as MappingKind, title: `${p.name} ${m.id}`, source: m.source, unitId: scopeUnitId }, ctx);
    mappingsSaved.push(m.id);
  }
  if (p.timeLimits) await t.timeLimits.load(p.timeLimits, scopeUnitId, ctx);
  if (p.routing) await t.routing.load(p.routing, scopeUnitId, ctx);
  const permissionsGranted: string[] = [];
  for (const [role, perms] of Object.entries(p.roles?.roles ?? {})) {
    for (const [object, action] of perms) if (t.authz && object && action && (await t.authz.addPermission(role, object, action, ctx))) permissionsGranted.push(`${role}:${object}:${action}`);
  }
  // forms and tables first: the first task of a new instance must find its form
  const [def] = (await t.definitions.deploy({ name: `${p.id}.bpmn`, xml: p.xml, scopeUnitId }, ctx)).filter((d) => d.bpmnProcessId === p.bpmnProcessId);
  if (!def) throw new Error(`${p.id}: the deployment did not contain process ${p.bpmnProcessId}`);
  return {
    process: p.id, bpmnProcessId: def.bpmnProcessId, version: def.version, definitionKey: def.key,
    formsPublished, mappingsSaved, timeLimits: Boolean(p.timeLimits), routing: Boolean(p.routing), permissionsGranted,
  };
}

/** Loads several processes in order (called-element targets before their callers is the caller's business). */
export async function loadLibrary(processes: LibraryProcess[], scopeUnitId: string, t: LibraryTargets, ctx: CommandContext): Promise<LoadReport[]> {
  const out: LoadReport[] = [];
  for (const p of processes) out.push(await loadProcess(p, scopeUnitId, t, ctx));
  return out;
}
