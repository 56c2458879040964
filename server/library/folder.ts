/**
 * A library process folder read from disk by convention (processes/README.md): `process.bpmn`, `forms/<formKey>.json`
 * (`{ title, components }`), `mappings/<id>.<kind>.jsonata`, `time-limits.json`, `routing.json`, `roles.json`.
 * Reading is separate from loading so a test or the API can look at a folder without a server.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LibraryForm {
  formKey: string;
  title: string;
  definition: { components: unknown[] };
}

export interface LibraryMapping {
  id: string;
  kind: string;
  source: string;
}

export interface LibraryProcess {
  /** The folder name, e.g. `urban-case`. */
  id: string;
  dir: string;
  bpmnProcessId: string;
  name: string;
  xml: string;
  forms: LibraryForm[];
  mappings: LibraryMapping[];
  timeLimits?: unknown;
  routing?: unknown;
  roles?: { roles: Record<string, string[][]> };
}

/** The library shipped with the server: `processes/` at the package root (two levels up from server/library). */
export function defaultLibraryDir(): string {
  for (const up of ['../../processes', '../../../processes']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, 'README.md'))) return dir;
  }
  throw new Error('the process library (processes/) was not found next to the server');
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const optionalJson = (file: string): unknown => (existsSync(file) ? readJson(file) : undefined);

export function readProcessFolder(dir: string): LibraryProcess {
  const xml = readFileSync(join(dir, 'process.bpmn'), 'utf8');
  const process = /<bpmn:process\b[^>]*\bid="([^"]+)"[^>]*?(?:\bname="([^"]*)")?/.exec(xml);
  if (!process) throw new Error(`${dir}/process.bpmn has no <bpmn:process id="...">`);
  const formsDir = join(dir, 'forms');
  const forms = existsSync(formsDir)
    ? readdirSync(formsDir).filter((f) => f.endsWith('.json')).sort().map((f) => {
        const { title, components } = readJson(join(formsDir, f)) as { title: string; components: unknown[] };
        return { formKey: basename(f, '.json'), title, definition: { components } };
      })
    : [];
  const mappingsDir = join(dir, 'mappings');
  const mappings = existsSync(mappingsDir)
    ? readdirSync(mappingsDir).filter((f) => f.endsWith('.jsonata')).sort().map((f) => {
        const [id, kind] = basename(f, '.jsonata').split('.');
        return { id: id!, kind: kind ?? '', source: readFileSync(join(mappingsDir, f), 'utf8') };
      })
    : [];
  return {
    id: basename(dir),
    dir,
    bpmnProcessId: process[1]!,
    name: process[2] ?? process[1]!,
    xml,
    forms,
    mappings,
    timeLimits: optionalJson(join(dir, 'time-limits.json')),
    routing: optionalJson(join(dir, 'routing.json')),
    roles: optionalJson(join(dir, 'roles.json')) as LibraryProcess['roles'],
  };
}

/** Every process folder of the library (folders holding a `process.bpmn`), by name. */
export function readLibrary(root = defaultLibraryDir()): LibraryProcess[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'process.bpmn')))
    .map((e) => e.name)
    .sort()
    .map((name) => readProcessFolder(join(root, name)));
}
