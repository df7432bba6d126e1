// Lines with dots per category (gaps where a value is missing), plain SVG.
import { ChartFrame, innerHeight, innerWidth, PLOT, type Series } from "./chart-frame";
import { compact, niceScale } from "./scale";

export function LineChart({ label, categories, series, formatY = compact }: { label: string; categories: string[]; series: Series[]; formatY?: (n: number) => string }) {
  const { max, step } = niceScale(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))) || 1);
  const x = (i: number) => PLOT.left + (innerWidth * (i + 0.5)) / Math.max(1, categories.length);
  const y = (v: number) => PLOT.top + innerHeight - (innerHeight * v) / max;
  return (
    <ChartFrame label={label} categories={categories} series={series} max={max} step={step} formatY={formatY}>
      {series.map((s) => {
        const segments: string[] = [];
        let current = "";
        s.values.forEach((v, i) => {
          if (v === null) {
            if (current) segments.push(current);
            current = "";
          } else current += `${current ? "L" : "M"}${x(i)},${y(v)}`;
        });
        if (current) segments.push(current);
        return (
          <g key={s.name}>
            {segments.map((d) => <path key={d} d={d} fill="none" stroke={s.color} strokeWidth={2} />)}
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle key={i} cx={x(i)} cy={y(v)} r={3} fill={s.color}>
                  <title>{`${categories[i]} · ${s.name}: ${formatY(v)}`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}
