import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { principalOf } from '../../authz/guard.js';
import type { AuthzService } from '../../authz/authz-service.js';
import { commandContext } from '../../identity/context.js';
import type { DefinitionService } from '../../engine/index.js';

const definitionOut = z.object({
  key: z.string(), bpmnProcessId: z.string(), version: z.number(), resourceName: z.string(), name: z.string(),
  xmlHash: z.string(), scopeUnitId: z.string(), scopeUnitPath: z.string(), deployedBy: z.string(), deployedAt: z.string(),
});
const list = z.object({ items: z.array(definitionOut) });

/** Process definitions: deploy BPMN for an org unit, list within one's subtree, versions, the XML itself. */
export function definitionRoutes(definitions: DefinitionService, authz: AuthzService): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/definitions',
      operationId: 'deployDefinition',
      summary: 'Deploy BPMN XML for an org unit; identical content keeps its version; invalid → 422 engine.deploy_invalid naming elements.',
      tags: ['engine'],
      access: { object: 'definition', action: 'deploy' },
      body: z.object({ name: z.string().min(1).max(200), xml: z.string().min(1).max(2_000_000), scopeUnitId: z.string().min(1).max(64) }),
      response: list,
      status: 201,
      handler: async ({ body, req }) => {
        authz.require(principalOf(req), 'definition', 'deploy', body.scopeUnitId);
        return { items: await definitions.deploy(body, commandContext(req)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/definitions',
      operationId: 'listDefinitions',
      summary: 'Latest version of each process deployed within the caller’s part of the org tree.',
      tags: ['engine'],
      access: { object: 'definition', action: 'read' },
      response: list,
      handler: async ({ req }) => ({ items: await definitions.list(authz.scope(principalOf(req), 'definition', 'read')) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/definitions/:bpmnProcessId/versions',
      operationId: 'listDefinitionVersions',
      summary: 'Every version of a process, newest first.',
      tags: ['engine'],
      access: { object: 'definition', action: 'read' },
      params: z.object({ bpmnProcessId: z.string().min(1).max(200) }),
      response: list,
      handler: async ({ params, req }) => {
        const items = await definitions.versions(params.bpmnProcessId);
        authz.require(principalOf(req), 'definition', 'read', items[0]!.scopeUnitId);
        return { items };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/definitions/:key/xml',
      operationId: 'getDefinitionXml',
      summary: 'The BPMN XML of one deployed version.',
      tags: ['engine'],
      access: { object: 'definition', action: 'read' },
      params: z.object({ key: z.string().min(1).max(64) }),
      responseContentType: 'application/xml',
      handler: async ({ params, req, res }) => {
        const def = await definitions.byKey(params.key);
        authz.require(principalOf(req), 'definition', 'read', def.scopeUnitId);
        res.type('application/xml').send(def.xml);
      },
    }),
  ];
}
