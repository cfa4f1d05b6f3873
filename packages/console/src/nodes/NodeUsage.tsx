/**
 * @module nodes/NodeUsage
 * A list cell: usage bar with "used / total" of CPU, memory or pods; just the allocatable total when
 * monitoring is not available.
 */
import { Progress, Typography } from 'antd';
import type { KubeObject } from '@sphere/shared';
import { formatUnit } from '../monitoring/units';
import { nodeUsage, useNodeMetrics, type UsageKind } from './usage';

const fmt = (v: number | undefined, kind: UsageKind) =>
  kind === 'pods' ? formatUnit(v, 'count') : formatUnit(v, kind === 'cpu' ? 'cpu' : 'memory');

export function NodeUsage({ node, kind }: { node: KubeObject; kind: UsageKind }) {
  const metrics = useNodeMetrics();
  const { used, total } = nodeUsage(node, kind, metrics.data);
  if (used === undefined || !total) return <span>{fmt(total, kind)}</span>;
  const percent = Math.min(100, Math.round((used / total) * 1000) / 10);
  return (
    <div style={{ minWidth: 120 }}>
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        status={percent >= 90 ? 'exception' : 'normal'}
        aria-label={`${kind} ${percent}%`}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {`${fmt(used, kind)} / ${fmt(total, kind)}`}
      </Typography.Text>
    </div>
  );
}
