/** The Monaco extract (© OpenStreetMap contributors) built once per test file, and points on its streets. */
import { buildGraphData } from '../embedded/build/build-graph.js';
import type { RoadGraphData } from '../embedded/graph-file.js';
import type { LonLat } from '../road-graph.js';
import { projectRoot } from '../../version.js';
import { join } from 'node:path';

export const monacoPbf = join(projectRoot, 'fixtures', 'osm', 'monaco.osm.pbf');

let cached: RoadGraphData | undefined;
export function monacoGraph(): RoadGraphData {
  return (cached ??= buildGraphData(monacoPbf));
}

/** Casino, port, Fontvieille, Monte-Carlo beach side, Condamine. */
export const monacoPoints: LonLat[] = [
  [7.4276, 43.7397],
  [7.4208, 43.7351],
  [7.4155, 43.7294],
  [7.4345, 43.7445],
  [7.4200, 43.7318],
];

/** In the sea, kilometres from any road. */
export const offshore: LonLat = [7.5, 43.6];
