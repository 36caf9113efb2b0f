// Worker-thread entry of the SSE latency probe: the compiled build when it exists next to this file,
// otherwise the TypeScript source through tsx (module hooks are per thread, so it registers tsx itself).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('./sse-probe.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./sse-probe.ts', import.meta.url).href);
}
