/**
 * @module monitoring/TimeSeriesChart
 * A uPlot line/area chart of one or more series from `values` results, sized to its container, named
 * (role figure) by a summary of its latest values.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Point } from './api';
import { NS } from './i18n';
import { chartSummary } from './summary';
import { formatUnit, type Unit } from './units';

export interface ChartSeries {
  label: string;
  values: Point[];
}

const COUNT_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

const COLORS = ['#3385ff', '#55bc8a', '#f5a623', '#ca2621', '#8e44ad', '#16a085', '#7f8c8d'];

/** Aligns series on the union of their timestamps (uPlot wants one x array). */
export function alignSeries(series: ChartSeries[]): [number[], ...(number | null)[][]] {
  const xs = [...new Set(series.flatMap((s) => s.values.map((p) => p[0])))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    for (const [t, v] of s.values) y[index.get(t)!] = Number(v);
    return y;
  });
  return [xs, ...ys];
}

export function TimeSeriesChart({
  title,
  series,
  unit,
  height = 200,
  area = false,
  range,
}: {
  /** Names the chart for assistive technology: "<title>: <line> <latest value>, … (<n> points)". */
  title: string;
  series: ChartSeries[];
  unit: Unit;
  height?: number;
  area?: boolean;
  /** The queried window (unix seconds): the x axis spans it even when only a few points exist. */
  range?: { start: number; end: number };
}) {
  const { t } = useTranslation(NS);
  const box = useRef<HTMLDivElement>(null);
  const hasData = series.some((s) => s.values.length > 0);
  useEffect(() => {
    const el = box.current;
    if (!el || !hasData) return;
    const opts: uPlot.Options = {
      width: el.clientWidth || 400,
      height,
      legend: { show: series.length > 1 },
      cursor: { drag: { x: false, y: false } },
      // Without a fixed x range uPlot spreads one or two points over years.
      scales: range ? { x: { time: true, range: () => [range.start, range.end] } } : undefined,
      axes: [
        {},
        {
          values: (_u, ticks) => ticks.map((v) => formatUnit(v, unit)),
          size: 80,
          // Counts tick on whole numbers (fractional ticks would print as repeated rounded labels).
          incrs: unit === 'count' ? COUNT_INCRS : undefined,
        },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: COLORS[i % COLORS.length],
          width: 1.5,
          fill: area ? `${COLORS[i % COLORS.length]}22` : undefined,
          value: (_u: uPlot, v: number | null) => (v === null ? '-' : formatUnit(v, unit)),
        })),
      ],
    };
    const plot = new uPlot(opts, alignSeries(series) as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [series, unit, height, area, hasData, range?.start, range?.end]);
  if (!hasData) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />;
  // uPlot draws on a canvas; the figure's name carries what the lines show (latest values, point count).
  return (
    <div ref={box} className="sphere-chart" role="figure" aria-label={chartSummary(title, series, unit)} />
  );
}
