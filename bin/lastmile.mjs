#!/usr/bin/env node
// Launcher. In production (NODE_ENV=production, as in the Docker image) it runs the compiled CLI
// from `npm run build`; elsewhere it runs the TypeScript sources through tsx, so a stale build
// can never shadow the code being edited.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const compiled = join(root, 'dist', 'src', 'cli', 'main.js');
if (process.env.NODE_ENV === 'production' && existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
