/** Follows a server-sent events stream for the benchmarks: calls back per event; resolves once the response has started. */
import { readSse } from '../src/test-support/sse-client.js';

export async function follow(url: string, headers: Record<string, string>, onEvent: (type: string, data: string) => void, signal: AbortSignal): Promise<boolean> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal }).catch(() => undefined);
  if (!response?.ok || !response.body) return false;
  void readSse(response.body, (event) => onEvent(event.event, event.data));
  return true;
}
