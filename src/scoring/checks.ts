/** The compile-time checks shared by the engine's parts: each names the offending key. */

export function fail(message: string): never {
  throw new Error(`cannot compile framework: ${message}`);
}

export function checkAscendingFromZero(mins: readonly { key: string; min: number }[], what: string): void {
  if (mins.length === 0) fail(`${what} is empty`);
  if (mins[0]!.min !== 0) fail(`${what} ${mins[0]!.key} must start at 0`);
  for (let i = 1; i < mins.length; i++) {
    if (!(mins[i]!.min > mins[i - 1]!.min))
      fail(`${what} ${mins[i]!.key} must start above ${mins[i - 1]!.key}`);
  }
}
