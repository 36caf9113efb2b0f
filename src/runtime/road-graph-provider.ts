/**
 * The service's road graph, chosen by configuration: OSRM when OSRM_URL is set, else the embedded
 * engine over ROADGRAPH_FILE / ROADGRAPH_PBF. The embedded graph is prepared right after the server
 * listens; /readyz reports the road graph as not ready until it is loaded. Loading takes a fraction
 * of a second; the first start's build (about 5 s for Porto) holds the event loop while it runs.
 */
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { EmbeddedRoadGraph } from '../roadgraph/embedded/embedded-road-graph.js';
import { loadOrBuildGraph } from '../roadgraph/embedded/load-or-build.js';
import { OsrmRoadGraph } from '../roadgraph/osrm/osrm-road-graph.js';
import { MatrixCache } from '../roadgraph/matrix-cache.js';
import type { RoadGraph } from '../roadgraph/road-graph.js';
import type { ReadinessCheck } from './readiness.js';

export class RoadGraphProvider {
  private pending?: Promise<RoadGraph>;
  private graph?: RoadGraph;
  private failure?: Error;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    /** Building progress (0..1) for a terminal progress bar; loading a built graph reports nothing. */
    private readonly onBuildProgress?: (fraction: number, phase: string) => void,
  ) {}

  private planning?: Promise<RoadGraph>;

  /** The graph behind a matrix cache: for planning and /v1/optimize, whose matrices repeat. */
  forPlanning(): Promise<RoadGraph> {
    this.planning ??= this.get().then((graph) => new MatrixCache(graph));
    this.planning.catch(() => (this.planning = undefined));
    return this.planning;
  }

  /** Starts preparing the graph without waiting for it. */
  start(): void {
    void this.get().catch(() => {});
  }

  get(): Promise<RoadGraph> {
    this.pending ??= this.open().then(
      (graph) => (this.graph = graph),
      (error: Error) => {
        this.failure = error;
        this.logger.error({ err: error }, 'road graph unavailable');
        throw error;
      },
    );
    return this.pending;
  }

  private async open(): Promise<RoadGraph> {
    const { config } = this;
    if (config.OSRM_URL) return new OsrmRoadGraph({ baseUrl: config.OSRM_URL, profile: config.OSRM_PROFILE });
    // Yield first: building is synchronous CPU work and must not delay the server's start.
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    let lastLogged = 0;
    const { data, built } = loadOrBuildGraph({ pbf: config.ROADGRAPH_PBF, file: config.ROADGRAPH_FILE, dataDir: config.DATA_DIR }, (p) => {
      this.onBuildProgress?.(p.fraction, p.phase);
      if (performance.now() - lastLogged > 2000) {
        lastLogged = performance.now();
        this.logger.info({ phase: p.phase, percent: Math.round(p.fraction * 100) }, 'building the road graph');
      }
    });
    if (built) this.onBuildProgress?.(1, 'done');
    this.logger.info({ source: data.metadata.source, nodes: data.network.nodeCount, built, seconds: ((performance.now() - started) / 1000).toFixed(1) }, built ? 'road graph built' : 'road graph loaded');
    return new EmbeddedRoadGraph(data);
  }

  readiness(): ReadinessCheck {
    return {
      name: 'roadgraph',
      check: async () => {
        if (this.failure) throw this.failure;
        if (!this.graph) throw new Error(this.config.OSRM_URL ? 'connecting' : 'building or loading the embedded road graph');
        if (this.config.OSRM_URL) await this.graph.nearest([0, 0]).catch((error: { code?: string }) => {
          if (error.code !== 'NoSegment') throw error;
        });
      },
    };
  }

  async close(): Promise<void> {
    await this.graph?.close();
  }
}
