/**
 * @module monitoring/summary
 * The text a chart offers to assistive technology (and to the browser tests): each line's latest value in
 * its unit and how many points the chart draws, e.g. "CPU Usage: Used 350 m, Capacity 12 cores (6 points)".
 */
import { formatUnit, type Unit } from './units';

export interface SummarySeries {
  label: string;
  values: [number, string][];
}

/** Pure: `<title>: <label> <latest value>, … (<n> points)`; a line without points shows "-". */
export function chartSummary(title: string, series: SummarySeries[], unit: Unit): string {
  const times = new Set(series.flatMap((s) => s.values.map((p) => p[0])));
  const lines = series.map((s) => {
    const last = s.values.length ? Number(s.values[s.values.length - 1][1]) : undefined;
    return `${s.label} ${formatUnit(last, unit)}`;
  });
  return `${title}: ${lines.join(', ')} (${times.size} ${times.size === 1 ? 'point' : 'points'})`;
}
