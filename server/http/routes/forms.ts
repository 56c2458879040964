import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { ProblemError } from '../problems.js';
import { principalOf } from '../../authz/guard.js';
import type { AuthzService } from '../../authz/authz-service.js';
import { commandContext } from '../../identity/context.js';
import type { FormRegistry } from '../../forms/index.js';

const formKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,80}$/);
const definition = z.looseObject({ components: z.array(z.looseObject({})) });
const formOut = z.object({ formKey: z.string(), title: z.string(), unitId: z.string(), latestVersion: z.number(), draft: definition, updatedAt: z.string(), updatedBy: z.string() });
const versionOut = z.object({ title: z.string(), unitId: z.string(), formKey: z.string(), version: z.number(), hash: z.string(), publishedBy: z.string(), publishedAt: z.string() });
const permission = z.enum(['editable', 'readonly', 'hidden']);

/** The Form.io form registry: drafts, immutable published versions, dry-run validation of submissions. */
export function formRoutes(forms: FormRegistry, authz: AuthzService): RouteDef[] {
  const requireAt = async (req: Parameters<typeof principalOf>[0], key: string, action: string) => {
    const form = await forms.get(key);
    authz.require(principalOf(req), 'form', action, form.unitId);
    return form;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/forms',
      operationId: 'listForms',
      summary: 'Forms of units in the caller’s part of the tree (drafts included).',
      tags: ['forms'],
      access: { object: 'form', action: 'read' },
      response: z.object({ items: z.array(formOut) }),
      handler: async ({ req }) => ({ items: await forms.list(authz.scope(principalOf(req), 'form', 'read')) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/forms',
      operationId: 'createForm',
      summary: 'Create a form with an empty or given draft.',
      tags: ['forms'],
      access: { object: 'form', action: 'manage' },
      body: z.object({ formKey, title: z.string().min(1).max(200), unitId: z.string().min(1).max(64), definition: definition.optional() }),
      status: 201,
      response: formOut,
      handler: async ({ body, req }) => {
        authz.require(principalOf(req), 'form', 'manage', body.unitId);
        return forms.create(body, commandContext(req));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/forms/:formKey/draft',
      operationId: 'saveFormDraft',
      summary: 'Replace the editable draft; lint problems are returned and enforced only at publish.',
      tags: ['forms'],
      access: { object: 'form', action: 'manage' },
      params: z.object({ formKey }),
      body: z.object({ title: z.string().min(1).max(200).optional(), definition }),
      response: z.object({ form: formOut, problems: z.array(z.object({ key: z.string(), rule: z.string(), message: z.string() })) }),
      handler: async ({ params, body, req }) => {
        await requireAt(req, params.formKey, 'manage');
        return forms.saveDraft(params.formKey, body, commandContext(req));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/forms/:formKey/publish',
      operationId: 'publishForm',
      summary: 'Freeze the draft as the next immutable version (422 form.invalid listing component keys).',
      tags: ['forms'],
      access: { object: 'form', action: 'manage' },
      params: z.object({ formKey }),
      status: 201,
      response: versionOut,
      handler: async ({ params, req }) => {
        await requireAt(req, params.formKey, 'manage');
        return forms.publish(params.formKey, commandContext(req));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/forms/:formKey/versions',
      operationId: 'listFormVersions',
      summary: 'Published versions of a form, newest first (without definitions).',
      tags: ['forms'],
      access: { object: 'form', action: 'read' },
      params: z.object({ formKey }),
      response: z.object({ items: z.array(versionOut) }),
      handler: async ({ params, req }) => {
        await requireAt(req, params.formKey, 'read');
        return { items: await forms.listVersions(params.formKey) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/forms/:formKey/versions/:version',
      operationId: 'getFormVersion',
      summary: 'One published version with its definition.',
      tags: ['forms'],
      access: { object: 'form', action: 'read' },
      params: z.object({ formKey, version: z.coerce.number().int().min(1) }),
      response: versionOut.extend({ definition }),
      handler: async ({ params, req }) => {
        await requireAt(req, params.formKey, 'read');
        return forms.version(params.formKey, params.version);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/forms/:formKey/validate',
      operationId: 'validateFormSubmission',
      summary: 'Dry-run validation of a submission: 200 with normalised data, or 422 with per-field errors.',
      tags: ['forms'],
      access: { object: 'form', action: 'read' },
      params: z.object({ formKey }),
      body: z.object({
        data: z.record(z.string(), z.unknown()),
        version: z.number().int().min(1).optional(),
        stepPermissions: z.record(z.string(), permission).optional(),
        current: z.record(z.string(), z.unknown()).optional(),
      }),
      response: z.object({ version: z.number(), data: z.record(z.string(), z.unknown()) }),
      handler: async ({ params, body, req }) => {
        await requireAt(req, params.formKey, 'read');
        const binding = body.version ? { formKey: params.formKey, binding: 'pinned' as const, version: body.version } : { formKey: params.formKey, binding: 'latest' as const };
        const result = await forms.validate(binding, body.data, { stepPermissions: body.stepPermissions, current: body.current });
        if (!result.ok) {
          throw new ProblemError('form.submission_invalid', result.errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors: result.errors });
        }
        return { version: result.version, data: result.data };
      },
    }),
  ];
}
