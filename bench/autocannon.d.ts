declare module 'autocannon' {
  interface Result {
    requests: { average: number; total: number };
    /** Seconds the run took. */
    duration: number;
    latency: { p50: number; p99: number; average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    /** Requests per second across all connections (a fixed offered load). */
    overallRate?: number;
    /** Total requests to send, instead of a duration. */
    amount?: number;
    headers?: Record<string, string>;
    requests?: { method?: string; path?: string; headers?: Record<string, string>; setupRequest?: (req: { body?: string }) => object }[];
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
