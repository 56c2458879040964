/**
 * Parity with the browser renderer itself: each fixture submission goes through @formio/js (the renderer the
 * task UI uses) headless under jsdom, and through the server's validateSubmission; the per-field error sets
 * (path, rule) must be identical, and equal to the fixture's expectations.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validateSubmission, type FormDefinition } from '../../../forms/index.js';

interface Fixture {
  form: FormDefinition;
  cases: { name: string; data: Record<string, unknown>; errors: [string, string][]; expectData?: Record<string, unknown> }[];
}
interface RendererError {
  ruleName: string;
  context: { path: string };
}
interface RendererForm {
  data: Record<string, unknown>;
  setSubmission(submission: { data: unknown }): Promise<unknown>;
  checkData(data: unknown, flags: unknown): void;
  checkConditions(data: unknown): void;
  submit(): Promise<unknown>;
  destroy(): void;
}
interface JsdomWindow {
  document: { createElement(tag: string): unknown };
  close(): void;
}
type JsdomConstructor = new (html: string, options: { pretendToBeVisual: boolean }) => { window: JsdomWindow };
interface FormioStatic {
  createForm(element: unknown, form: unknown, options: unknown): Promise<RendererForm>;
}

const dir = new URL('../../fixtures/forms/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Fixture] as const);

let Formio: FormioStatic;
let dom: { window: JsdomWindow };
const timers = new Set<ReturnType<typeof setTimeout>>();
let restoreTimers = () => undefined as void;
function track<T extends ReturnType<typeof setTimeout>>(timer: T): T {
  timers.add(timer);
  return timer;
}
const require = createRequire(import.meta.url);

beforeAll(() => {
  const { JSDOM } = require('jsdom') as { JSDOM: JsdomConstructor };
  dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const scope = globalThis as Record<string, unknown>;
  scope.window = dom.window;
  // the renderer expects a browser: expose jsdom's globals that this (node) environment lacks
  for (const name of Object.getOwnPropertyNames(dom.window)) {
    if (!(name in scope)) {
      try {
        scope[name] = (dom.window as unknown as Record<string, unknown>)[name];
      } catch {
        // some window accessors throw outside a browsing context; the renderer does not need them
      }
    }
  }
  // the renderer leaves debounce and polling timers behind; track them so that teardown can clear them
  const realSetTimeout = globalThis.setTimeout;
  const realSetInterval = globalThis.setInterval;
  scope.setTimeout = (...args: Parameters<typeof setTimeout>) => track(realSetTimeout(...args));
  scope.setInterval = (...args: Parameters<typeof setInterval>) => track(realSetInterval(...args));
  restoreTimers = () => {
    scope.setTimeout = realSetTimeout;
    scope.setInterval = realSetInterval;
    for (const timer of timers) clearTimeout(timer);
  };
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  Formio = (require('@formio/js') as { Formio: FormioStatic }).Formio;
});
afterAll(() => {
  restoreTimers();
  dom?.window.close();
});

/** What the renderer reports when the user presses submit with this data. */
async function rendererErrors(form: FormDefinition, data: Record<string, unknown>) {
  const rendered = await Formio.createForm(dom.window.document.createElement('div'), structuredClone(form), { noAlerts: true });
  try {
    await rendered.setSubmission({ data: structuredClone(data) });
    // settle conditions and calculations now rather than on the renderer's debounced change event
    rendered.checkData(rendered.data, { noValidate: true });
    rendered.checkConditions(rendered.data);
    let errors: RendererError[] = [];
    try {
      await rendered.submit();
    } catch (rejection) {
      errors = (Array.isArray(rejection) ? rejection : [rejection]) as RendererError[];
    }
    return { errors: errors.map((e) => [e.context.path, e.ruleName]).sort(), data: rendered.data };
  } finally {
    rendered.destroy();
  }
}

describe.each(fixtures)('form %s in the browser renderer and on the server', (_file, fixture) => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('given %s, then both report the same per-field errors', async (_name, c) => {
    const renderer = await rendererErrors(fixture.form, c.data);
    const server = validateSubmission(fixture.form, c.data);
    const serverErrors = server.errors.map((e) => [e.path, e.rule]).sort();
    expect(serverErrors).toEqual(renderer.errors);
    expect(serverErrors).toEqual([...c.errors].sort());
    if (c.expectData) {
      expect(renderer.data).toMatchObject(c.expectData);
      expect(server.data).toMatchObject(c.expectData);
    }
  });
});
