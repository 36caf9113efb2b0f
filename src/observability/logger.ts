import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout (one line per event), as log collectors expect. */
export function createLogger(level: string, name = 'lastmile'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
