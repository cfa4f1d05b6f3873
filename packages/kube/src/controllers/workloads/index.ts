/**
 * @module controllers/workloads
 * Deployment, ReplicaSet, StatefulSet and DaemonSet controllers.
 */
import type { ControllerModule } from '../manager';

export const workloadControllers: ControllerModule[] = [];
