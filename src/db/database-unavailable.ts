/**
 * Errors that mean the database cannot be reached right now (down, restarting, refusing connections,
 * or the pool unable to get one in time), as opposed to a bad query: the API answers them with 503
 * (retry shortly) rather than 500. The pool drops broken connections and reconnects by itself.
 */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, crash, not yet accepting connections). */
const postgresCodes = /^(08...|57P0[123])$/;

export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && (networkCodes.has(code) || postgresCodes.test(code))) return true;
  if (name === 'KnexTimeoutError') return true;
  return typeof message === 'string' && /Connection terminated|Client has encountered a connection error/.test(message);
}
