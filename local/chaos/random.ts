/**
 * Seeded randomness for chaos mode, so a failing run can be repeated with its seed.
 *
 * Each place that injects a fault draws from its own stream (seed + the place's name), so
 * adding a fault elsewhere does not shift the choices of another. With concurrent pollers
 * the order in which calls reach a stream can still vary from run to run; the seed fixes
 * the sequence of choices, not the interleaving. mulberry32 (a few lines, public domain)
 * is enough: this is fault injection, not cryptography, and no dependency is worth adding.
 */
export type Random = () => number;

/** mulberry32: small, fast, deterministic (the bench's seeded order requests use it too). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the stream's name, mixed with the seed. */
function streamSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A stream of numbers in [0, 1) for one injection point. */
export function randomStream(seed: number, name: string): Random {
  return mulberry32(streamSeed(seed, name));
}
