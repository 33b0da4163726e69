/**
 * The load generator of `npm run bench`: its own process (forked by bench/run.ts), so that the
 * servers it measures have their processes to themselves. It runs one autocannon load per
 * message and answers with what it counted: responses, time, every response's latency, and the
 * CPU time the measured server process used meanwhile (from /proc).
 */
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { processCpu } from './proc.ts';

// autocannon appends every response body to a string (`body += chunk`), decoding it as UTF-8:
// for a report in French that made each response three times as costly to receive as the same
// size in English, and the load generator, not the server, set the pace. Nothing here reads
// the bodies (no onResponse, no expectBody), so they are counted, not kept.
const PipelinedRequestsQueue = createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js') as {
  prototype: { addBody(data: Buffer): void };
};
PipelinedRequestsQueue.prototype.addBody = () => {};

export interface LoadRequest {
  method: 'GET' | 'PUT';
  path: string;
  body?: string;
}

export interface LoadJob {
  /** The server's origin, http://127.0.0.1:port. */
  origin: string;
  headers: Record<string, string>;
  connections: number;
  /** Seconds of load; ignored when `perClient` is given (each client then sends its list once). */
  duration?: number;
  /** The request every client sends again and again. */
  request?: LoadRequest;
  /**
   * One list of requests per client, sent in order, once: the load ends when every client has
   * had every answer. No request is left in flight when it ends, so the state the server is left
   * in is known exactly (the answer batches rely on it).
   */
  perClient?: LoadRequest[][];
  /** The process whose CPU time is read before and after (the server under load). */
  serverPid: number;
  /** A status other than 2xx every response must have (304 for revalidations); counted as success. */
  expectStatus?: number;
}

export interface LoadResult {
  responses: number;
  /** Wall time of the load, in seconds. */
  seconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Every response's latency, in milliseconds. */
  latencies: Float64Array;
  /** CPU seconds (user + system) the server process used during the load. */
  serverCpu: number;
  /** CPU seconds this load generator used during the load. */
  loadCpu: number;
}

const toAutocannon = (r: LoadRequest): autocannon.Request => ({
  method: r.method,
  path: r.path,
  ...(r.body === undefined ? {} : { body: r.body }),
});

/** autocannon's options for a job: its fixed request for a duration, or its lists sent once. */
function optionsOf(job: LoadJob): autocannon.Options {
  const options: autocannon.Options = {
    url: job.origin,
    connections: job.connections,
    headers: job.headers,
    timeout: 30,
    // A new connection every 5,000 requests, as a client that honours the server's
    // `Connection: close` at MAX_REQUESTS_PER_SOCKET (10,000) would: autocannon does not, and
    // would get 503 for the requests it sends on a socket past that limit.
    reconnectRate: 5000,
    // autocannon ends a load at its next sample tick (default every second): a load that ends
    // by its request count would otherwise idle until then.
    sampleInt: 50,
  } as autocannon.Options;
  if (job.perClient) {
    const lists = job.perClient;
    let next = 0;
    options.amount = lists.reduce((sum, list) => sum + list.length, 0);
    options.setupClient = (client) => {
      const list = lists[next++];
      if (!list) throw new Error('more clients than request lists');
      client.setRequests(list.map(toAutocannon));
    };
    if (lists.some((list) => list.length !== lists[0]?.length)) {
      throw new Error('every client needs as many requests (autocannon spreads `amount` evenly)');
    }
  } else if (job.request) {
    options.duration = job.duration ?? 5;
    options.requests = [toAutocannon(job.request)];
  }

  return options;
}

async function run(job: LoadJob): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let last = 0;
  const record = (ms: number) => {
    last = performance.now();
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = ms;
  };
  const options = optionsOf(job);
  const serverCpu0 = processCpu(job.serverPid);
  const ownCpu0 = process.cpuUsage();
  const start = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, ms) => record(ms));
  });
  const serverCpu = processCpu(job.serverPid) - serverCpu0;
  const own = process.cpuUsage(ownCpu0);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = (stat as { count: number }).count;
  }
  return {
    responses: count,
    // From the start to the last answer: autocannon's own duration runs to its next tick.
    seconds: ((last || performance.now()) - start) / 1000,
    // With an expected status, anything else (a 200 included) is what did not go as asked.
    non2xx:
      job.expectStatus === undefined ? result.non2xx : count - (statusCodes[String(job.expectStatus)] ?? 0),
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    latencies: latencies.slice(0, count),
    serverCpu,
    loadCpu: (own.user + own.system) / 1e6,
  };
}

process.on('message', (message: { id: number; job: LoadJob }) => {
  run(message.job).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
