import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { principalOf } from '../../authz/guard.js';
import type { AuthzService } from '../../authz/authz-service.js';
import { commandContext } from '../../identity/context.js';
import { instanceView as strip, type InstanceService } from '../../engine/index.js';

const key = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/);
const state = z.enum(['ACTIVE', 'COMPLETED', 'CANCELED']);
const instanceOut = z.object({
  key: z.string(), bpmnProcessId: z.string(), version: z.number(), processDefinitionKey: z.string(),
  unitId: z.string(), unitPath: z.string(), startedBy: z.string(), startedAt: z.string(), state,
});
const incidentOut = z.object({
  incidentKey: z.string(), processInstanceKey: z.string(), elementInstanceKey: z.string(), elementId: z.string(),
  jobKey: z.string().optional(), errorType: z.string(), errorMessage: z.string(), tenantId: z.string(),
});
const variables = z.record(z.string(), z.unknown());

/** Process instances (start, state, history, cancel, modify) and incidents, scoped to the caller's subtree. */
export function instanceRoutes(instances: InstanceService, authz: AuthzService): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/instances',
      operationId: 'startInstance',
      summary: 'Start a process instance for an org unit (latest version unless given).',
      tags: ['engine'],
      access: { object: 'instance', action: 'create' },
      body: z.object({ bpmnProcessId: z.string().min(1).max(200), version: z.number().int().positive().optional(), variables: variables.optional(), unitId: z.string().min(1).max(64) }),
      response: instanceOut,
      status: 201,
      handler: async ({ body, req }) => {
        authz.require(principalOf(req), 'instance', 'create', body.unitId);
        return strip(await instances.start(body, commandContext(req)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/instances',
      operationId: 'listInstances',
      summary: 'Instances within the caller’s part of the org tree (newest first, at most 1000).',
      tags: ['engine'],
      access: { object: 'instance', action: 'read' },
      query: z.object({ bpmnProcessId: z.string().max(200).optional(), state: state.optional() }),
      response: z.object({ items: z.array(instanceOut) }),
      handler: async ({ query, req }) => ({ items: (await instances.list(authz.scope(principalOf(req), 'instance', 'read'), query)).map(strip) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/instances/:key',
      operationId: 'getInstance',
      summary: 'An instance: state, current elements, open incidents.',
      tags: ['engine'],
      access: { object: 'instance', action: 'read' },
      params: z.object({ key }),
      response: instanceOut.extend({
        elements: z.array(z.object({ elementId: z.string(), elementInstanceKey: z.string(), bpmnElementType: z.string().optional() })),
        incidents: z.array(incidentOut),
      }),
      handler: async ({ params, req }) => {
        const doc = await instances.get(params.key);
        authz.require(principalOf(req), 'instance', 'read', doc.unitId);
        return { ...strip(doc), ...(await instances.detail(doc)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/instances/:key/history',
      operationId: 'getInstanceHistory',
      summary: 'The engine records of an instance in log order, paged by position.',
      tags: ['engine'],
      access: { object: 'instance', action: 'read' },
      params: z.object({ key }),
      query: z.object({ fromPosition: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: z.object({ items: z.array(z.record(z.string(), z.unknown())), nextPosition: z.number().optional() }),
      handler: async ({ params, query, req }) => {
        const doc = await instances.get(params.key);
        authz.require(principalOf(req), 'instance', 'read', doc.unitId);
        const page = await instances.history(doc.key, query.fromPosition, query.limit);
        return { items: page.items as unknown as Record<string, unknown>[], nextPosition: page.nextPosition };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/instances/:key/cancel',
      operationId: 'cancelInstance',
      summary: 'Cancel (terminate) an instance.',
      tags: ['engine'],
      access: { object: 'instance', action: 'cancel' },
      params: z.object({ key }),
      handler: async ({ params, req }) => {
        const doc = await instances.get(params.key);
        authz.require(principalOf(req), 'instance', 'cancel', doc.unitId);
        await instances.cancel(doc, commandContext(req));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/instances/:key/modify',
      operationId: 'modifyInstance',
      summary: 'Activate elements and/or terminate element instances (退回, operator repairs).',
      tags: ['engine'],
      access: { object: 'instance', action: 'modify' },
      params: z.object({ key }),
      body: z.object({
        activate: z.array(z.object({ elementId: z.string().min(1).max(200), ancestorElementInstanceKey: key.optional(), variables: variables.optional() })).max(50).optional(),
        terminate: z.array(key).max(50).optional(),
      }),
      handler: async ({ params, body, req }) => {
        const doc = await instances.get(params.key);
        authz.require(principalOf(req), 'instance', 'modify', doc.unitId);
        await instances.modify(doc, body, commandContext(req));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/instances/:key/variables',
      operationId: 'setInstanceVariables',
      summary: 'Set variables on the instance or one of its element instances (e.g. to fix the data behind an incident).',
      tags: ['engine'],
      access: { object: 'instance', action: 'modify' },
      params: z.object({ key }),
      body: z.object({ variables, elementInstanceKey: key.optional(), local: z.boolean().optional() }),
      handler: async ({ params, body, req }) => {
        const doc = await instances.get(params.key);
        authz.require(principalOf(req), 'instance', 'modify', doc.unitId);
        await instances.setVariables(doc, body, commandContext(req));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/incidents',
      operationId: 'listIncidents',
      summary: 'Open incidents of instances within the caller’s part of the org tree.',
      tags: ['engine'],
      access: { object: 'incident', action: 'read' },
      response: z.object({ items: z.array(incidentOut.extend({ unitId: z.string() })) }),
      handler: async ({ req }) => ({ items: await instances.incidents(authz.scope(principalOf(req), 'incident', 'read')) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/incidents/:key/resolve',
      operationId: 'resolveIncident',
      summary: 'Resolve an incident after fixing its cause; `retries` first gives a failed job new retries.',
      tags: ['engine'],
      access: { object: 'incident', action: 'resolve' },
      params: z.object({ key }),
      body: z.object({ retries: z.number().int().min(1).max(100).optional() }),
      handler: async ({ params, body, req }) => {
        const { incident, instance } = await instances.incident(params.key);
        authz.require(principalOf(req), 'incident', 'resolve', instance.unitId);
        await instances.resolve(incident, instance, body.retries, commandContext(req));
      },
    }),
  ];
}
