/**
 * @module controllers/workloads
 * Deployment, ReplicaSet, StatefulSet and DaemonSet controllers.
 */
import type { ControllerModule } from '../manager';
import { daemonSetController } from './daemonset/controller';
import { deploymentController } from './deployment/controller';
import { replicaSetController } from './replicaset/controller';
import { statefulSetController } from './statefulset/controller';

export const workloadControllers: ControllerModule[] = [
  deploymentController,
  replicaSetController,
  statefulSetController,
  daemonSetController,
];
