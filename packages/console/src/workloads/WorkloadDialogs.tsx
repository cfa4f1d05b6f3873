/**
 * @module workloads/WorkloadDialogs
 * The workload detail page's dialog operations ("More" menu): Horizontal Pod Autoscaling and Revision
 * Rollback. Loaded on demand by the detail page.
 */
import type { KubeObject } from '@sphere/shared';
import HpaModal from './HpaModal';
import RollbackModal from './RollbackModal';

export default function WorkloadDialogs({
  op,
  obj,
  onClose,
}: {
  op: string | null;
  obj: KubeObject;
  onClose: () => void;
}) {
  if (op === 'hpa') return <HpaModal workload={obj} onClose={onClose} />;
  if (op === 'rollback') return <RollbackModal workload={obj} onClose={onClose} />;
  return null;
}
