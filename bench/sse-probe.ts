/**
 * Worker-thread body of the latency probe: follows a dispatcher stream and measures, for each
 * courier.position, the time from the ping's device time to its arrival here. It runs in its own
 * thread so that the load generator's work never delays (and inflates) what it measures.
 * workerData: { url, headers }. Posts 'ready' once the stream answers; on 'stop', posts the results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { follow } from './sse-follow.js';

export interface ProbeResult {
  latencies: number[];
  etaUpdated: number;
}

const { url, headers } = workerData as { url: string; headers: Record<string, string> };
const result: ProbeResult = { latencies: [], etaUpdated: 0 };
const abort = new AbortController();
const ok = await follow(url, headers, (type, data) => {
  if (type === 'eta.updated') result.etaUpdated++;
  else if (type === 'courier.position') result.latencies.push(Date.now() - Date.parse(JSON.parse(data).data.time));
}, abort.signal);
parentPort!.postMessage(ok ? 'ready' : 'failed');
parentPort!.once('message', () => {
  abort.abort();
  parentPort!.postMessage(result);
  parentPort!.close();
});
