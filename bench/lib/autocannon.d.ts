/**
 * The small part of autocannon's programmatic API the benchmarks use (the package ships no types).
 */
declare module 'autocannon' {
  /** One request as autocannon builds it; `setupRequest` may replace the body and headers per request. */
  interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    onResponse?: (
      status: number,
      body: string,
      context: Record<string, unknown>,
      headers: Record<string, string>,
    ) => void;
  }

  /** Options of one autocannon run. */
  interface AutocannonOptions {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    amount?: number;
    overallRate?: number;
    connectionRate?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    requests?: AutocannonRequest[];
  }

  /** The aggregated result of a run (only the fields the benchmarks read). */
  interface AutocannonResult {
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    duration: number;
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; average: number; max: number };
  }

  /** Runs a load test and resolves with its aggregated result. */
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;

  export type { AutocannonRequest, AutocannonOptions, AutocannonResult };
  export default autocannon;
}
