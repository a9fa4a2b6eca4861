/** One load run with autocannon: requests per second, exact latency percentiles, and every error counted. */
import autocannon from 'autocannon';

/** One request of a scenario; a scenario cycles through its requests on every connection. */
export interface RequestDef {
  label: string;
  method?: 'GET' | 'POST';
  /** Builds the request from what earlier requests of the same cycle left in `ctx` (cookies, tokens). */
  build: (ctx: Record<string, unknown>) => { path: string; headers?: Record<string, string>; body?: string };
  /** Whether the response is the one expected (a 200 page with its content, a 303 to the receipt…); may store into ctx. */
  check: (status: number, body: string, headers: Record<string, string>, ctx: Record<string, unknown>) => boolean;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Completed requests per second (all requests of the scenario). */
  rps: number;
  /** Completed cycles per second (a filing = GET form + POST). */
  cyclesPerSecond: number;
  requests: number;
  /** Latency percentiles (ms) of the reported request label(s). */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  errorDetail: { connection: number; timeouts: number; unexpected: number; samples: string[] };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * Run `requests` in a cycle on `connections` connections for `seconds`. Latencies are those of
 * the request whose label is `report` (all requests when omitted). With `amount`, exactly that
 * many requests are made, however long they take.
 */
export async function runLoad(base: string, requests: RequestDef[], opts: { connections: number; seconds: number; report?: string; timeoutS?: number; amount?: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let lastLabel = '';
  let unexpected = 0;
  let cycles = 0;
  const samples: string[] = [];
  const last = requests.length - 1;
  let finish: (err: Error | null, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (err, result) => (err ? reject(err) : resolve(result));
  });
  const instance = autocannon({
    url: base,
    connections: opts.connections,
    duration: opts.seconds,
    // A fixed number of requests instead of a duration (the CI smoke: the same work however loaded the machine).
    ...(opts.amount ? { amount: opts.amount } : {}),
    timeout: opts.timeoutS ?? 10,
    pipelining: 1,
    initialContext: {},
    requests: requests.map((r, i) => ({
      method: r.method ?? 'GET',
      setupRequest: (req: autocannon.Request, ctx: Record<string, unknown>) => {
        const built = r.build(ctx);
        return { ...req, method: r.method ?? 'GET', path: built.path, headers: { ...(built.headers ?? {}) }, body: built.body ?? Buffer.alloc(0) };
      },
      onResponse: (status: number, body: string, ctx: Record<string, unknown>, headers: Record<string, string>) => {
        lastLabel = r.label;
        let ok = false;
        try {
          const lower: Record<string, string> = {};
          for (const [k, v] of Object.entries(headers ?? {})) lower[k.toLowerCase()] = v;
          ok = r.check(status, body, lower, ctx);
        } catch {
          ok = false;
        }
        if (!ok) {
          unexpected++;
          if (samples.length < 3) samples.push(`${r.label}: ${status} ${String(body).replace(/\s+/g, ' ').slice(0, 300)}`);
        } else if (i === last) cycles++;
      },
    })) as unknown as autocannon.Request[],
  }, (err, result) => finish(err, result));
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    if (!opts.report || lastLabel === opts.report) latencies.push(responseTime);
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  const seconds = result.duration || opts.seconds;
  const connection = result.errors - result.timeouts;
  return {
    connections: opts.connections,
    seconds,
    rps: result.requests.total / seconds,
    cyclesPerSecond: cycles / seconds,
    requests: result.requests.total,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies[latencies.length - 1] : NaN,
    errors: result.errors + unexpected,
    errorDetail: { connection, timeouts: result.timeouts, unexpected, samples },
  };
}
