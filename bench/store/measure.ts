/** Latency percentiles (milliseconds, 3 decimals) of an async operation, after a warm-up. */
export interface Percentiles {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export async function latency(samples: number, op: (i: number) => Promise<unknown> | unknown, warmup = Math.min(200, samples)): Promise<Percentiles> {
  for (let i = 0; i < warmup; i++) await op(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await op(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!);
  return { samples, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: round(times.reduce((a, b) => a + b, 0) / times.length) };
}

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** A deterministic pseudo-random index in [0, n): lookups hit the whole key range, not the cache-warm tail. */
export function spread(i: number, n: number): number {
  return Number((BigInt(i) * 2654435761n + 12345n) % BigInt(n));
}
