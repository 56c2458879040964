/**
 * How a user task names its form, its mappings and its field permissions, read from the job's headers once, at
 * projection, and kept on the task document:
 * - `formKey` (the Zeebe form key): `intake-form` = the newest version published when the task's process was
 *   deployed (a form first published later: its newest version when the task is created); the task keeps that
 *   version, so a publish while someone is filling it in changes nothing for them; or `intake-form@3` = pinned;
 * - `mappingPrefill` / `mappingOut`: ids of registry mappings (variables → prefill, submission → variables);
 * - `fieldPermissions`: JSON `{ "<component key>": "editable" | "readonly" | "hidden" }` for this step.
 */
import type { FieldPermission } from '../../forms/index.js';

export interface TaskFormBinding {
  formKey: string | null;
  /** Pinned by the header or by the projector (newest at creation); null = not resolvable yet, newest at use. */
  formVersion: number | null;
  prefillMappingId: string | null;
  outputMappingId: string | null;
  fieldPermissions: Record<string, FieldPermission> | null;
  /** A header that cannot be read: the form of this task is refused (fail closed) rather than guessed. */
  formBindingError: string | null;
}

const PERMISSIONS = new Set<string>(['editable', 'readonly', 'hidden']);

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

export function parseFormKey(raw: string): { formKey: string; version: number | null } {
  const m = /^(.+)@(\d+)$/.exec(raw);
  return m ? { formKey: m[1]!, version: Number(m[2]) } : { formKey: raw, version: null };
}

function parsePermissions(raw: string | null): { value: Record<string, FieldPermission> | null; error: string | null } {
  if (!raw) return { value: null, error: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { value: null, error: 'header fieldPermissions is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { value: null, error: 'header fieldPermissions must be a JSON object' };
  const bad = Object.entries(parsed).filter(([, v]) => typeof v !== 'string' || !PERMISSIONS.has(v));
  if (bad.length) return { value: null, error: `header fieldPermissions: ${bad.map(([k]) => k).join(', ')} must be editable, readonly or hidden` };
  return { value: parsed as Record<string, FieldPermission>, error: null };
}

export function formBindingOf(headers: Record<string, string>): TaskFormBinding {
  const key = str(headers['io.camunda.zeebe:formKey']);
  const parsed = key ? parseFormKey(key) : null;
  const permissions = parsePermissions(str(headers.fieldPermissions));
  return {
    formKey: parsed?.formKey ?? null,
    formVersion: parsed?.version ?? null,
    prefillMappingId: str(headers.mappingPrefill),
    outputMappingId: str(headers.mappingOut),
    fieldPermissions: permissions.value,
    formBindingError: permissions.error,
  };
}
