import type { MessageKey } from '../i18n/index.js';

/** Who is signed in (GET /api/session/me); roles are the role names of the caller's assignments. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: string[];
}

export interface ViewContext {
  me: Me;
  /** The part of the hash after the view's path, e.g. `#/tasks/abc` → params `['abc']`. */
  params: string[];
  navigate(hash: string): void;
}

/**
 * A page of the app. `render` fills `el` (may be async); a returned function is called when the view is left
 * (destroy a bpmn-js or Form.io instance there). `roles` limits the nav entry to callers holding one of them
 * (omitted: every signed-in user; the server still authorises every call).
 */
export interface View {
  path: string;
  title: MessageKey;
  roles?: string[];
  /** Shown without signing in (the citizen page). */
  public?: boolean;
  render(el: HTMLElement, ctx: ViewContext): void | (() => void) | Promise<void | (() => void)>;
}

const views: View[] = [];

/** Plug-in point: every module registers its views here before the shell starts (see designer/README.md). */
export function registerView(view: View): void {
  if (views.some((v) => v.path === view.path)) throw new Error(`view ${view.path} registered twice`);
  views.push(view);
}

export function allViews(): readonly View[] {
  return views;
}

/** The view for a hash like `#/tasks/123`: the longest registered path that prefixes it. */
export function match(hash: string): { view: View; params: string[] } | undefined {
  // a query after the path (`#/citizen?unit=…`, the QR code's unit) belongs to the view, not to the route
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  const found = [...views].sort((a, b) => b.path.length - a.path.length).find((v) => path === v.path || path.startsWith(`${v.path}/`));
  if (!found) return undefined;
  const rest = path.slice(found.path.length).split('/').filter(Boolean).map(decodeURIComponent);
  return { view: found, params: rest };
}
