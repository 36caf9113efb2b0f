// Worker-thread entry: loads the solver worker from the compiled build when it exists next to this
// file, otherwise from the TypeScript sources through tsx (module hooks are per thread, so the
// worker registers tsx itself).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('./solver-worker.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./solver-worker.ts', import.meta.url).href);
}
