/**
 * @module workloads/WorkloadDialogs
 * The workloads' dialog actions (detail page "More" menu and list row menu): Horizontal Pod Autoscaling
 * and Revision Rollback, as `ExtraAction.dialog` components. Loaded on demand.
 */
import type { ActionDialogProps } from '../resources/descriptor';
import HpaModal from './HpaModal';
import RollbackModal from './RollbackModal';

export function HpaDialog({ objects, onDone }: ActionDialogProps) {
  return <HpaModal workload={objects[0]} onClose={onDone} />;
}

export function RollbackDialog({ objects, onDone }: ActionDialogProps) {
  return <RollbackModal workload={objects[0]} onClose={onDone} />;
}
