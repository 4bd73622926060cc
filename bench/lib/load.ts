import autocannon from 'autocannon';
import type { AutocannonRequest } from 'autocannon';
import { APP_SECRET, WEBHOOK_PATH } from './config.js';
import { makeMid, webhookBody } from './payload.js';
import { signBody } from './sign.js';
import { percentile } from './stats.js';

/** One autocannon run of signed single-message webhook POSTs. */
export interface LoadOptions {
  /** The server's base URL (http://127.0.0.1:port). */
  url: string;
  connections: number;
  /** Seconds to run (ignored when `amount` is given). */
  durationSec?: number;
  /** Total requests to send instead of a duration. */
  amount?: number;
  /** Requests per second across all connections; unset = as fast as the server answers. */
  overallRate?: number;
  /** Tag put in every mid, so the stub's replies can be matched to this run. */
  tag: string;
  /** How many distinct senders the messages rotate through. */
  senders?: number;
}

/** What a load run measured, from the load generator's side. */
export interface LoadResult {
  /** 2xx answers received, and per second over the run. */
  acked: number;
  rps: number;
  /** Latency of the 2xx answers in ms (microsecond resolution, measured per request). */
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  elapsedMs: number;
  /** The mids of the acked requests, to check that each produced exactly one reply. */
  ackedMids: Set<string>;
  /** Every 2xx latency in ms, to pool runs before taking percentiles. */
  latencies: number[];
}

/** A rotating sender id that looks like a PSID (16 digits). */
export function senderId(index: number): string {
  return `2${String(index).padStart(15, '0')}`;
}

/** Runs autocannon against the webhook with a fresh signed body (unique mid, rotating sender) per request. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const senders = options.senders ?? 1000;
  const ackedMids = new Set<string>();
  const latencies: number[] = [];
  let counter = 0;
  const request: AutocannonRequest = {
    method: 'POST',
    path: WEBHOOK_PATH,
    setupRequest: (req, context) => {
      const n = counter++;
      const sender = senderId(n % senders);
      const mid = makeMid(options.tag, sender, n);
      const body = webhookBody([{ sender, mid }]);
      const headers = {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(body, APP_SECRET),
      };
      context.mid = mid;
      context.t0 = process.hrtime.bigint();
      return { ...req, body, headers };
    },
    onResponse: (status, _body, context) => {
      if (status < 200 || status >= 300) return;
      latencies.push(Number(process.hrtime.bigint() - (context.t0 as bigint)) / 1e6);
      ackedMids.add(context.mid as string);
    },
  };
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.durationSec ?? 8 } : { amount: options.amount }),
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    timeout: 30,
    requests: [request],
  });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    acked: ackedMids.size,
    rps: (ackedMids.size * 1000) / elapsedMs,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    elapsedMs,
    ackedMids,
    latencies,
  };
}
