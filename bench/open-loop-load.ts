/**
 * A steady, open-loop load: requests leave at an even rate whatever the answers do, as thousands of
 * phones pinging on their own clocks would send them. (autocannon's `overallRate` lets each
 * connection send its share of a second back to back and then wait: a burst at the top of every
 * second, which measures queueing behind the burst rather than a sustained rate.)
 */
import http from 'node:http';

export interface LoadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface OpenLoopOptions {
  url: string;
  /** Requests per second, spread evenly. */
  rate: number;
  /** Send for this long… */
  seconds?: number;
  /** …or exactly this many requests. */
  amount?: number;
  /** Keep-alive connections at most (requests wait for a free one only when all are busy). */
  connections: number;
  /** Builds request `n` at the moment it is sent. */
  request: (n: number) => LoadRequest;
}

export interface OpenLoopResult {
  sent: number;
  completed: number;
  non2xx: number;
  errors: number;
  /** From the first request sent to the last answer received. */
  seconds: number;
  /**
   * Answered requests per second of sending: the offered rate when every request was answered.
   * Whether that rate was sustained shows in `completed` = `sent`, no errors, and the latencies.
   */
  perSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

const TICK_MS = 5;

export async function openLoopLoad(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const { hostname, port } = new URL(options.url);
  const total = options.amount ?? Math.round(options.rate * (options.seconds ?? 10));
  const latencies: number[] = [];
  let sent = 0;
  let non2xx = 0;
  let errors = 0;
  let finished = 0;
  let firstSent = 0;
  let lastSent = 0;
  const started = performance.now();

  await new Promise<void>((resolve) => {
    const settle = () => {
      if (++finished === total) resolve();
    };
    const send = () => {
      const n = sent++;
      const { method, path, headers, body } = options.request(n);
      const at = performance.now();
      if (n === 0) firstSent = at;
      lastSent = at;
      const req = http.request({ agent, hostname, port, method, path, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - at);
          if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
          settle();
        });
      });
      req.on('error', () => {
        errors++;
        settle();
      });
      req.end(body);
    };
    // Every tick sends what the rate says is due by now: even spacing without a timer per request.
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * options.rate));
      while (sent < due) send();
      if (sent === total) clearInterval(timer);
    }, TICK_MS);
  });

  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const sending = (lastSent - firstSent) / 1000 + 1 / options.rate;
  return { sent, completed: latencies.length, non2xx, errors, seconds, perSecond: latencies.length / sending, latencyP50Ms: Math.round(percentile(latencies, 50)), latencyP99Ms: Math.round(percentile(latencies, 99)) };
}

/** The p-th percentile of the values (NaN when there are none). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
