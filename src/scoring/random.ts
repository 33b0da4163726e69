/**
 * A small seeded pseudo-random generator for the uncertainty analysis. The engine must give the
 * same numbers for the same assessment on every machine and every Node version, which rules out
 * Math.random; nothing here is meant for security.
 *
 * The seed string is hashed to 128 bits with cyrb128 (bryc's public-domain hash) and those four
 * 32-bit words seed sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit variant).
 * Each output is the generator's 32-bit word divided by 2^32, so it lies in [0, 1).
 */

/** Hashes a string (its UTF-16 code units) to four 32-bit unsigned words. */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Outputs discarded after seeding, so that near-identical seeds have drifted apart before use. */
const WARM_UP = 12;

/**
 * sfc32 seeded from a string. `fill` is the fast path: its loop keeps the state in local variables,
 * because a closure that writes 32-bit state back to captured variables makes V8 box every
 * out-of-range integer, which made a thousand draws several times slower.
 */
export class SeededRandom {
  private readonly state: Int32Array;

  constructor(seed: string) {
    this.state = Int32Array.from(cyrb128(seed));
    this.fill(new Float64Array(WARM_UP));
  }

  /** Overwrites `out` with the next `out.length` uniforms in [0, 1), in order. */
  fill(out: Float64Array): void {
    const state = this.state;
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    for (let i = 0; i < out.length; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = (t >>> 0) / 4294967296;
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
  }

  /** The next uniform in [0, 1); the same sequence as `fill`. */
  next(): number {
    const one = new Float64Array(1);
    this.fill(one);
    return one[0]!;
  }
}
