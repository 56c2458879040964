/**
 * County customisation without developers: a county derives its own version of a library template — the BPMN
 * (as edited in the designer, or the template unchanged) under the variant id `<template>_<county>`, with its
 * time-limit overrides — and deploys it for its own scope. `DefinitionService.variantFor` then starts the variant
 * for the county's cases; every other unit keeps the template. The tables are stored at the county's scope when
 * the variant is derived, so a variant deployed later from the designer finds them.
 */
import { variantProcessId, type DefinitionService, type DefinitionSummary } from '../engine/index.js';
import type { CommandContext } from '../identity/context.js';
import { ProblemError } from '../http/problems.js';
import type { RoutingService } from '../routing/index.js';
import type { TimeLimitRule, TimeLimitService } from '../time-limits/index.js';
import type { LibraryProcess } from './folder.js';

export interface DeriveInput {
  unitId: string;
  /** The designer's edited BPMN; the template's when omitted. Its process id is renamed to the variant's. */
  xml?: string;
  /** Rules put before the template's (the most specific rule wins; on a tie the first, i.e. the county's). */
  timeLimitRules?: TimeLimitRule[];
  /** Deploy for the county now, or (false) only return the XML for the designer to edit and deploy later. */
  deploy?: boolean;
}

export interface DeriveResult {
  templateProcessId: string;
  bpmnProcessId: string;
  xml: string;
  definition?: DefinitionSummary;
}

/** Renames the template's process id (the process element and the diagram plane that draws it). */
export function renameProcess(xml: string, from: string, to: string): string {
  if (!new RegExp(`<bpmn:process\\b[^>]*\\bid="${escapeRe(from)}"`).test(xml)) {
    if (new RegExp(`<bpmn:process\\b[^>]*\\bid="${escapeRe(to)}"`).test(xml)) return xml;
    throw new ProblemError('http.validation_failed', `the BPMN has no process ${from} to derive from`);
  }
  return xml
    .replace(new RegExp(`(<bpmn:process\\b[^>]*\\bid=")${escapeRe(from)}"`), `$1${to}"`)
    .replace(new RegExp(`(<bpmndi:BPMNPlane\\b[^>]*\\bbpmnElement=")${escapeRe(from)}"`), `$1${to}"`);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function deriveVariant(
  template: LibraryProcess,
  input: DeriveInput,
  t: { definitions: DefinitionService; timeLimits: TimeLimitService; routing: RoutingService },
  ctx: CommandContext,
): Promise<DeriveResult> {
  const bpmnProcessId = variantProcessId(template.bpmnProcessId, input.unitId);
  const xml = renameProcess(input.xml ?? template.xml, template.bpmnProcessId, bpmnProcessId);
  if (template.timeLimits) {
    const base = template.timeLimits as { name: string; source: string; rules: TimeLimitRule[] };
    await t.timeLimits.load(
      { id: bpmnProcessId, processId: bpmnProcessId, name: `${base.name}（${input.unitId} 版本）`, source: `${base.source}；本级调整`, rules: [...(input.timeLimitRules ?? []), ...base.rules] },
      input.unitId,
      ctx,
    );
  }
  if (template.routing) await t.routing.load({ ...(template.routing as object), id: bpmnProcessId, processId: bpmnProcessId }, input.unitId, ctx);
  if (!input.deploy) return { templateProcessId: template.bpmnProcessId, bpmnProcessId, xml };
  const [definition] = (await t.definitions.deploy({ name: `${bpmnProcessId}.bpmn`, xml, scopeUnitId: input.unitId }, ctx)).filter((d) => d.bpmnProcessId === bpmnProcessId);
  return { templateProcessId: template.bpmnProcessId, bpmnProcessId, xml, definition };
}
