/**
 * What the designer modules need from the server: JSON over HTTP with the session cookie. The app shell passes
 * its own client; `fetchApi` is the plain one (same origin, cookie session, problem+json errors thrown).
 */
export interface Api {
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  put<T = unknown>(path: string, body?: unknown): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown): Promise<T>;
  del<T = unknown>(path: string): Promise<T>;
}

/** A problem+json answer (RFC 7807) as an Error: `code` is the server's stable problem code. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, message: string, readonly body: unknown) {
    super(message);
  }
}

export function fetchApi(base = ''): Api {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(base + path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    const payload: unknown = res.status === 204 ? undefined : type.includes('json') ? await res.json() : await res.text();
    if (!res.ok) {
      const p = (payload ?? {}) as { code?: string; detail?: string; title?: string };
      throw new ApiError(res.status, p.code, p.detail ?? p.title ?? `${res.status}`, payload);
    }
    return payload as T;
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b ?? {}),
    put: (p, b) => call('PUT', p, b ?? {}),
    patch: (p, b) => call('PATCH', p, b ?? {}),
    del: (p) => call('DELETE', p),
  };
}

/** True when the route is simply not there (an API another part of the project has not shipped yet). */
export function isMissingApi(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 501) && (err.code === undefined || err.code === 'http.not_found' || err.code === 'not_found');
}
