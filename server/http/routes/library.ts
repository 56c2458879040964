import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import type { AuthzService } from '../../authz/authz-service.js';
import { principalOf } from '../../authz/guard.js';
import { commandContext } from '../../identity/context.js';
import { ProblemError } from '../problems.js';
import type { DefinitionService } from '../../engine/index.js';
import type { RoutingService } from '../../routing/index.js';
import type { TimeLimitService } from '../../time-limits/index.js';
import { ruleSchema } from '../../time-limits/table.js';
import { readLibrary, type LibraryProcess } from '../../library/index.js';
import { deriveVariant } from '../../library/variants.js';

const libraryItem = z.object({ id: z.string(), bpmnProcessId: z.string(), name: z.string(), forms: z.array(z.string()) });

/**
 * The governance process library (processes/) as templates: list them, read a template's BPMN, and derive a
 * county variant (`<template>_<unit>`, deployed for that unit's scope with its own time limits). Reading the
 * library needs `definition read` anywhere; deriving needs `definition deploy` at the unit.
 */
export function libraryRoutes(t: { definitions: DefinitionService; timeLimits: TimeLimitService; routing: RoutingService; authz: AuthzService }): RouteDef[] {
  // read once: the library ships with the server and changes only with it
  let cached: LibraryProcess[] | undefined;
  const library = () => (cached ??= readLibrary());
  const find = (id: string) => {
    const p = library().find((x) => x.id === id || x.bpmnProcessId === id);
    if (!p) throw new ProblemError('library.not_found', `no library process ${id}`);
    return p;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/library/processes',
      operationId: 'listLibraryProcesses',
      summary: 'The process templates of the governance library (urban case, dispute escalation, package case, 12345).',
      tags: ['library'],
      access: { object: 'definition', action: 'read' },
      response: z.object({ items: z.array(libraryItem) }),
      handler: async () => ({ items: library().map((p) => ({ id: p.id, bpmnProcessId: p.bpmnProcessId, name: p.name, forms: p.forms.map((f) => f.formKey) })) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/library/processes/:id/bpmn',
      operationId: 'getLibraryProcessBpmn',
      summary: 'The BPMN XML of a library template.',
      tags: ['library'],
      access: { object: 'definition', action: 'read' },
      params: z.object({ id: z.string().min(1).max(100) }),
      responseContentType: 'application/xml',
      handler: async ({ params, res }) => {
        res.type('application/xml').send(find(params.id).xml);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/library/processes/:id/derive',
      operationId: 'deriveLibraryProcess',
      summary: 'County customisation: derive a unit’s variant of a template (edited BPMN, time-limit overrides) and deploy it for the unit; its cases then run the variant.',
      tags: ['library'],
      access: { object: 'definition', action: 'deploy' },
      params: z.object({ id: z.string().min(1).max(100) }),
      body: z.object({
        unitId: z.string().min(1).max(64),
        xml: z.string().min(1).max(2_000_000).optional(),
        timeLimitRules: z.array(ruleSchema).max(500).optional(),
        deploy: z.boolean().default(false).describe('true: deploy for the unit now; false (the designer): only return the variant XML to edit, with its tables stored'),
      }),
      response: z.object({
        templateProcessId: z.string(), bpmnProcessId: z.string(), xml: z.string(),
        definition: z.object({ key: z.string(), bpmnProcessId: z.string(), version: z.number(), scopeUnitId: z.string() }).optional(),
      }),
      handler: async ({ params, body, req }) => {
        t.authz.require(principalOf(req), 'definition', 'deploy', body.unitId);
        const r = await deriveVariant(find(params.id), body, t, commandContext(req));
        return { ...r, ...(r.definition ? { definition: { key: r.definition.key, bpmnProcessId: r.definition.bpmnProcessId, version: r.definition.version, scopeUnitId: r.definition.scopeUnitId } } : {}) };
      },
    }),
  ];
}
