/**
 * A server-sent events response: headers that keep proxies from buffering, a heartbeat comment so
 * idle connections survive load balancers, and resume-friendly frames (`id:` when the event has one).
 */
import type { Request, Response } from 'express';
import type { StreamEvent } from '../events/domain-event.js';

export interface SseConnection {
  send(event: StreamEvent | { type: string; id?: string; [field: string]: unknown }): void;
  /** Resolves when the client goes away or `close` is called. */
  closed: Promise<void>;
  close(): void;
}

export function openSse(req: Request, res: Response, heartbeatMs = 15_000): SseConnection {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write('retry: 2000\n\n');
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
  let finish!: () => void;
  const closed = new Promise<void>((resolve) => (finish = resolve));
  const close = () => {
    clearInterval(heartbeat);
    if (!res.writableEnded) res.end();
    finish();
  };
  req.once('close', close);
  return {
    send(event) {
      if (res.writableEnded) return;
      res.write(`${event.id ? `id: ${event.id}\n` : ''}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    },
    closed,
    close,
  };
}
