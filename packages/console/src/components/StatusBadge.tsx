/**
 * @module StatusBadge
 * A status dot with its label (and "ready/total" for workloads).
 */
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatusInfo } from '../resources/status';

/** Renders a StatusInfo. */
export function StatusBadge({ status }: { status: StatusInfo }) {
  const { t } = useTranslation();
  const label = t(status.key, { defaultValue: status.key });
  return <Badge status={status.tone} text={status.detail ? `${label} (${status.detail})` : label} />;
}
