/** Times a synchronous call in this process, wall and CPU, one call at a time. */
export interface CallTimes {
  wallMedian: number;
  wallP99: number;
  cpuMedian: number;
  cpuP99: number;
  /** CPU time of the whole loop divided by the calls: includes the GC the calls caused. */
  cpuMean: number;
}

const at = (sorted: Float64Array, q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/**
 * Runs `fn(i)` `iterations` times after `warmup` calls, and gives the median and p99 of its wall
 * time and of this process's CPU time (user + system, all threads, so the collector's too), in
 * milliseconds. Nothing else runs meanwhile: the bench calls this before any server starts.
 */
export function timeCalls(fn: (i: number) => unknown, iterations: number, warmup = 50): CallTimes {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const wall = new Float64Array(iterations);
  const cpu = new Float64Array(iterations);
  const loop0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(i);
    wall[i] = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu[i] = (c.user + c.system) / 1000;
  }
  const loop = process.cpuUsage(loop0);
  wall.sort();
  cpu.sort();
  return {
    wallMedian: at(wall, 0.5),
    wallP99: at(wall, 0.99),
    cpuMedian: at(cpu, 0.5),
    cpuP99: at(cpu, 0.99),
    cpuMean: (loop.user + loop.system) / 1000 / iterations,
  };
}
