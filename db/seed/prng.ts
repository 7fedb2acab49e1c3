/** A tiny seeded PRNG (mulberry32) and the helpers the seed draws with, so every run makes the same people. */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  u32(): number;
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** Uniform real in [min, max). */
  real(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** `n` distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  shuffle<T>(items: T[]): T[];
  /** A version-4-shaped UUID drawn from this generator (deterministic). */
  uuid(): string;
};

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const u32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => u32() / 4294967296;
  const rng: Rng = {
    next,
    u32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    real: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, w] of items) total += w;
      let x = next() * total;
      for (const [v, w] of items) {
        x -= w;
        if (x < 0) return v;
      }
      const last = items[items.length - 1];
      if (!last) throw new RangeError("weighted pick from an empty list");
      return last[0];
    },
    sample<T>(items: readonly T[], n: number): T[] {
      return rng.shuffle([...items]).slice(0, Math.min(n, items.length));
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = items[i] as T;
        items[i] = items[j] as T;
        items[j] = t;
      }
      return items;
    },
    uuid() {
      const h = (n: number) => n.toString(16).padStart(8, "0");
      const a1 = h(u32());
      const a2 = h(u32());
      const a3 = h(u32());
      const a4 = h(u32());
      const variant = ((parseInt(a3[0] ?? "0", 16) & 0x3) | 0x8).toString(16);
      return `${a1}-${a2.slice(0, 4)}-4${a2.slice(5, 8)}-${variant}${a3.slice(1, 4)}-${a3.slice(4, 8)}${a4}`;
    },
  };
  return rng;
}
