/** Best-known solutions of a benchmark folder, from its bks_*.csv files (see their SOURCES.md). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BestKnown {
  vehicles: number;
  distance: number;
}

function parseCsv(text: string): Record<string, string>[] {
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '').map((line) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    return cells;
  });
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
}

/** Vehicles first, then distance (double precision): `bks_hierarchical.csv`. */
export function hierarchicalBestKnown(dir: string): Map<string, BestKnown> {
  const file = join(dir, 'bks_hierarchical.csv');
  if (!existsSync(file)) return new Map();
  return new Map(parseCsv(readFileSync(file, 'utf8')).map((r) => [r.instance!.toLowerCase(), { vehicles: Number(r.vehicles), distance: Number(r.distance) }]));
}

/** Distance only, fleet free, double precision (the classic literature table): `bks_distance_only.csv`, convention double_literature. */
export function distanceOnlyBestKnown(dir: string): Map<string, BestKnown> {
  const file = join(dir, 'bks_distance_only.csv');
  if (!existsSync(file)) return new Map();
  return new Map(
    parseCsv(readFileSync(file, 'utf8'))
      .filter((r) => r.convention === 'double_literature')
      .map((r) => [r.instance!.toLowerCase(), { vehicles: Number(r.vehicles), distance: Number(r.distance) }]),
  );
}
