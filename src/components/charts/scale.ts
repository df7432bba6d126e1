// Axis helpers for the SVG charts: a "nice" step (1, 2 or 5 times a power of ten) so tick labels
// are round numbers, and an upper bound that is a whole number of steps.
export function niceScale(dataMax: number, targetTicks = 4, minStep = 0): { max: number; step: number } {
  const raw = Math.max(dataMax, Number.EPSILON) / targetTicks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const n = raw / pow;
  const step = Math.max(minStep, (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * pow);
  return { max: Math.max(step, Math.ceil(dataMax / step) * step), step };
}

export function ticks(max: number, step: number): number[] {
  const out: number[] = [];
  for (let v = 0; v <= max + step / 1000 && out.length < 20; v += step) out.push(v);
  return out;
}

export const compact = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : `${Math.round(n * 100) / 100}`);
