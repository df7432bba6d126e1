// Shared frame of the SVG charts: y grid with labels, x labels, a legend, and the same numbers as
// a table for screen readers (the SVG itself is aria-hidden).
import type { ReactNode } from "react";
import { compact, ticks } from "./scale";

export interface Series {
  name: string;
  color: string;
  values: (number | null)[];
}

export const PLOT = { width: 640, height: 200, left: 40, right: 8, top: 8, bottom: 24 };
export const innerWidth = PLOT.width - PLOT.left - PLOT.right;
export const innerHeight = PLOT.height - PLOT.top - PLOT.bottom;

export function ChartFrame({ label, categories, series, max, step, formatY = compact, children }: { label: string; categories: string[]; series: Series[]; max: number; step: number; formatY?: (n: number) => string; children: ReactNode }) {
  const every = Math.max(1, Math.ceil(categories.length / 10));
  const x = (i: number) => PLOT.left + (innerWidth * (i + 0.5)) / Math.max(1, categories.length);
  return (
    <figure>
      <svg viewBox={`0 0 ${PLOT.width} ${PLOT.height}`} className="h-auto w-full overflow-visible" aria-hidden>
        {ticks(max, step).map((t) => {
          const y = PLOT.top + innerHeight - (innerHeight * t) / max;
          return (
            <g key={t}>
              <line x1={PLOT.left} x2={PLOT.width - PLOT.right} y1={y} y2={y} className="stroke-slate-200 dark:stroke-slate-800" strokeWidth={1} />
              <text x={PLOT.left - 6} y={y + 3} textAnchor="end" className="fill-slate-500 text-[10px]">{formatY(t)}</text>
            </g>
          );
        })}
        {categories.map((c, i) => (i % every === 0 ? <text key={c} x={x(i)} y={PLOT.height - 6} textAnchor="middle" className="fill-slate-500 text-[10px]">{c}</text> : null))}
        {children}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-3 text-xs text-slate-500">
        {series.map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1">
            <span className="h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} aria-hidden />
            {s.name}
          </span>
        ))}
      </figcaption>
      <table className="sr-only">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {series.map((s) => <th key={s.name} scope="col">{s.name}</th>)}
          </tr>
        </thead>
        <tbody>
          {categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {series.map((s) => <td key={s.name}>{s.values[i] === null || s.values[i] === undefined ? "none" : formatY(s.values[i]!)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
