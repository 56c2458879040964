// Copies the non-TypeScript files the compiled server reads next to its modules (e.g. the Casbin model)
// into dist/, so that `node dist/server/main.js` and the Docker image need no source tree.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ASSET = /\.(conf)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (ASSET.test(name)) cpSync(path, join('dist', path));
  }
}

for (const room of ['server', 'engine', 'forms']) walk(room);
