/**
 * @module monitoring/Charts
 * Cards that chart metrics of one response: `MetricCard` (named metrics as lines) and `PerResourceCard`
 * (one line per resource of one metric, e.g. per pod).
 */
import { Alert, Card, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { seriesOf, type MonitoringResponse } from './api';
import { NS } from './i18n';
import { TimeSeriesChart, type ChartSeries } from './TimeSeriesChart';
import type { Unit } from './units';

interface Query {
  data?: MonitoringResponse;
  isLoading: boolean;
  error: unknown;
}

export function QueryState({ q, children }: { q: Query; children: React.ReactNode }) {
  const { t } = useTranslation(NS);
  if (q.isLoading) return <Spin />;
  if (q.error)
    return <Alert type="error" showIcon message={t('loadError', { message: (q.error as Error).message })} />;
  return <>{children}</>;
}

/** A card with one line per listed metric (first series of each). */
export function MetricCard({
  title,
  q,
  lines,
  unit,
  area,
}: {
  title: string;
  q: Query;
  lines: { metric: string; label: string }[];
  unit: Unit;
  area?: boolean;
}) {
  const series: ChartSeries[] = lines.map((l) => ({
    label: l.label,
    values: seriesOf(q.data, l.metric)[0]?.values ?? [],
  }));
  return (
    <Card title={title} size="small">
      <QueryState q={q}>
        <TimeSeriesChart title={title} series={series} unit={unit} area={area} range={q.data?.range} />
      </QueryState>
    </Card>
  );
}

/** A card with one line per resource (the `labelKey` label) of one metric. */
export function PerResourceCard({
  title,
  q,
  metric,
  labelKey,
  unit,
}: {
  title: string;
  q: Query;
  metric: string;
  labelKey: string;
  unit: Unit;
}) {
  const series: ChartSeries[] = seriesOf(q.data, metric).map((s) => ({
    label: s.metric[labelKey] ?? metric,
    values: s.values ?? [],
  }));
  return (
    <Card title={title} size="small">
      <QueryState q={q}>
        <TimeSeriesChart title={title} series={series} unit={unit} range={q.data?.range} />
      </QueryState>
    </Card>
  );
}
