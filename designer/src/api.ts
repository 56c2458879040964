import { t, type MessageKey } from './i18n/index.js';

/** A problem+json answer (or a network failure) as an Error whose message is readable Chinese plus the server's detail. */
export class ApiProblem extends Error {
  constructor(readonly status: number, readonly code: string | undefined, readonly detail: string) {
    super(`${t(statusKey(status))}${detail ? `：${detail}` : ''}`);
  }
}

function statusKey(status: number): MessageKey {
  if (status >= 500 || status === 0) return 'error.5xx';
  const k = `error.${status}`;
  return (['error.400', 'error.401', 'error.403', 'error.404', 'error.409', 'error.429'] as string[]).includes(k) ? (k as MessageKey) : 'error.generic';
}

/** Is this the server saying the API does not exist (yet)? The UI then shows 暂不可用 instead of an error. */
export function isMissing(e: unknown): boolean {
  return e instanceof ApiProblem && (e.status === 404 && e.code === 'http.not_found' || e.status === 501);
}

let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(fn: () => void): void {
  onUnauthenticated = fn;
}

/** fetch with the session cookie; JSON in and out; problems thrown as ApiProblem. */
export async function api<T = unknown>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let payload: BodyInit | undefined;
  if (body instanceof Blob) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers: { ...headers, ...(init.headers as Record<string, string> | undefined) }, body: payload ?? null });
  } catch (e) {
    throw new ApiProblem(0, undefined, String(e));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const p = (json ?? {}) as { code?: string; detail?: string; title?: string; errors?: { path?: string; message?: string }[] };
    const fields = p.errors?.map((e) => `${e.path ?? ''} ${e.message ?? ''}`.trim()).join('；');
    if (res.status === 401 && !path.startsWith('/api/session/login') && !path.startsWith('/api/public/')) onUnauthenticated();
    throw new ApiProblem(res.status, p.code, [p.detail ?? p.title ?? '', fields].filter(Boolean).join(' — '));
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});

/** Query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
