import type { Api } from './api.js';
import { isMissingApi } from './api.js';

export type Template = {
  /** `library:<id>` for the process library, `deployed:<key>` for a deployed definition. */
  ref: string;
  name: string;
  origin: 'library' | 'deployed';
  bpmnProcessId?: string;
};

type LibraryItem = { id?: string; processId?: string; bpmnProcessId?: string; name?: string; title?: string };

/**
 * Templates a county can start from: the governance library (P8's library API over `processes/`) and the
 * definitions already deployed in the caller's part of the tree (the city's standard processes). A library
 * that is not served (yet) is reported, not faked.
 */
export async function listTemplates(api: Api): Promise<{ templates: Template[]; libraryUnavailable: boolean }> {
  const templates: Template[] = [];
  let libraryUnavailable = false;
  try {
    const lib = await api.get<{ items: LibraryItem[] }>('/api/library/processes');
    for (const i of lib.items) {
      const id = i.id ?? i.processId ?? i.bpmnProcessId;
      if (id) templates.push({ ref: `library:${id}`, name: i.name ?? i.title ?? id, origin: 'library', bpmnProcessId: i.bpmnProcessId ?? id });
    }
  } catch (e) {
    libraryUnavailable = true;
    if (!isMissingApi(e)) console.warn('process library unavailable', e);
  }
  try {
    const deployed = await api.get<{ items: { key: string; name: string; bpmnProcessId: string; version: number; scopeUnitId: string }[] }>('/api/definitions');
    for (const d of deployed.items) templates.push({ ref: `deployed:${d.key}`, name: `${d.bpmnProcessId} v${d.version}（${d.scopeUnitId}）`, origin: 'deployed', bpmnProcessId: d.bpmnProcessId });
  } catch {
    // no definition:read here: only the library is offered
  }
  return { templates, libraryUnavailable };
}

/** The template's BPMN XML. */
export async function templateXml(api: Api, t: Template): Promise<string> {
  const id = encodeURIComponent(t.ref.slice(t.ref.indexOf(':') + 1));
  return t.origin === 'library' ? api.get<string>(`/api/library/processes/${id}/bpmn`) : api.get<string>(`/api/definitions/${id}/xml`);
}

/**
 * Starts a county variant. A library template goes through the library's derive API without deploying: it
 * returns the BPMN under the variant's id and stores the template's time-limit and routing tables for the
 * variant at the unit, so the variant's steps keep their limits and its dispatch its routes. A deployed
 * definition used as a template is copied as it is; the modeler gives it the variant's id.
 */
export async function deriveXml(api: Api, t: Template, unitId: string): Promise<{ xml: string; derivedBy: 'library' | 'designer' }> {
  if (t.origin === 'library') {
    const id = encodeURIComponent(t.ref.slice('library:'.length));
    const derived = await api.post<{ xml: string }>(`/api/library/processes/${id}/derive`, { unitId, deploy: false });
    return { xml: derived.xml, derivedBy: 'library' };
  }
  return { xml: await templateXml(api, t), derivedBy: 'designer' };
}

/**
 * Deploys a library variant through the derive API: the edited BPMN, the designed step limits as the county's
 * time-limit rules (put before the template's, so they win), the tables stored for the variant at the unit.
 */
export async function deployLibraryVariant(api: Api, libraryId: string, unitId: string, xml: string, timeLimitRules: unknown[]) {
  return api.post<{ bpmnProcessId: string; definition?: { key: string; bpmnProcessId: string; version: number; scopeUnitId: string } }>(
    `/api/library/processes/${encodeURIComponent(libraryId)}/derive`,
    { unitId, xml, timeLimitRules, deploy: true },
  );
}

/** A county variant's process id: the template's id with the unit's, so it never collides with the template's owner. */
export function variantProcessId(templateId: string, unitId: string): string {
  const suffix = unitId.replace(/[^A-Za-z0-9_-]/g, '_');
  return templateId.endsWith(`_${suffix}`) ? templateId : `${templateId}_${suffix}`;
}
