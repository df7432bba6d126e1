// Stacked bars (one bar per category, one segment per series), drawn as plain SVG: no chart
// library in the bundle for a handful of rectangles.
import { ChartFrame, innerHeight, innerWidth, PLOT, type Series } from "./chart-frame";
import { compact, niceScale } from "./scale";

export function StackedBarChart({ label, categories, series, formatY = compact }: { label: string; categories: string[]; series: Series[]; formatY?: (n: number) => string }) {
  const totals = categories.map((_, i) => series.reduce((s, ser) => s + (ser.values[i] ?? 0), 0));
  // Counts: whole-number ticks (step at least 1).
  const { max, step } = niceScale(Math.max(1, ...totals), 4, 1);
  const slot = innerWidth / Math.max(1, categories.length);
  const barWidth = Math.max(2, Math.min(28, slot * 0.7));
  return (
    <ChartFrame label={label} categories={categories} series={series} max={max} step={step} formatY={formatY}>
      {categories.map((c, i) => {
        let acc = 0;
        return (
          <g key={c}>
            {series.map((s) => {
              const v = s.values[i] ?? 0;
              if (v <= 0) return null;
              const h = (innerHeight * v) / max;
              const y = PLOT.top + innerHeight - ((acc + v) * innerHeight) / max;
              acc += v;
              return (
                <rect key={s.name} x={PLOT.left + slot * i + (slot - barWidth) / 2} y={y} width={barWidth} height={Math.max(0.5, h)} fill={s.color} rx={1}>
                  <title>{`${c} · ${s.name}: ${formatY(v)}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
    </ChartFrame>
  );
}
