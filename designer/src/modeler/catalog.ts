import type { Api } from './api.js';

export type FormSummary = { formKey: string; title: string; latestVersion: number };
export type RoleSummary = { role: string; label: string };

/**
 * What the Gongzhi panel offers to pick from, loaded once when the modeler opens (and on demand after a form is
 * published): the forms of the caller's units and the roles of the Casbin policy. A part that could not be
 * loaded stays empty and says why in `unavailable`, so the panel degrades visibly instead of guessing.
 */
export class Catalog {
  forms: FormSummary[] = [];
  roles: RoleSummary[] = [];
  unavailable: string[] = [];

  constructor(private readonly api: Api) {}

  async load(): Promise<this> {
    this.unavailable = [];
    await Promise.all([
      this.api
        .get<{ items: FormSummary[] }>('/api/forms')
        .then((r) => (this.forms = r.items.map(({ formKey, title, latestVersion }) => ({ formKey, title, latestVersion }))))
        .catch(() => this.unavailable.push('表单列表')),
      this.api
        .get<{ items: { role: string; label?: string }[] }>('/api/authz/roles')
        .then((r) => (this.roles = r.items.map((x) => ({ role: x.role, label: x.label ?? x.role }))))
        .catch(() => this.unavailable.push('角色列表')),
    ]);
    return this;
  }
}
