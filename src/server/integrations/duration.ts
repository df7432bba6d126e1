// Durations as playbooks write them: "90s", "30m", "4h", "7d", or milliseconds as a number.
import { z } from "zod";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const durationSchema = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*[smhd]$/, 'a duration like "90s", "30m", "4h" or "7d"'),
]);
export type Duration = z.input<typeof durationSchema>;

export function durationMs(value: Duration): number {
  if (typeof value === "number") return value;
  const match = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(value.trim());
  if (!match) throw new Error(`"${value}" is not a duration like "30m" or "4h"`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}
