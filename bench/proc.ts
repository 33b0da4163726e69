import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process, all its threads, in seconds (fields 14 and 15 of /proc/<pid>/stat). */
export function processCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The most resident memory a process has had, in MiB (VmHWM). */
export function peakRssMiB(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/**
 * Waits until a server has finished what an ended load left it (requests already received are
 * still served after the load generator hangs up): until it used at most one clock tick of
 * CPU in each of two 100 ms windows, or 10 s.
 */
export async function settle(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let quiet = 0;
  let before = processCpu(pid);
  while (quiet < 2 && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 100));
    const now = processCpu(pid);
    quiet = now - before <= 0.01 + 1e-9 ? quiet + 1 : 0;
    before = now;
  }
}
