/** Bad input, reported with the path of the offending field (e.g. ['vehicles', 2, 'capacity', 0]). */
export class SolverInputError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(path.length ? `${formatPath(path)}: ${message}` : message);
    this.name = 'SolverInputError';
  }
}

export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}
