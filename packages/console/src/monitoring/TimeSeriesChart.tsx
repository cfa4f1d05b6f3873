/**
 * @module monitoring/TimeSeriesChart
 * A uPlot line/area chart of one or more series from `values` results, sized to its container.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Point } from './api';
import { NS } from './i18n';
import { formatUnit, type Unit } from './units';

export interface ChartSeries {
  label: string;
  values: Point[];
}

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
  series,
  unit,
  height = 200,
  area = false,
}: {
  series: ChartSeries[];
  unit: Unit;
  height?: number;
  area?: boolean;
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
      axes: [{}, { values: (_u, ticks) => ticks.map((v) => formatUnit(v, unit)), size: 70 }],
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
  }, [series, unit, height, area, hasData]);
  if (!hasData) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />;
  return <div ref={box} className="sphere-chart" />;
}
