/**
 * @module controllers/workloads
 * Deployment, ReplicaSet, StatefulSet and DaemonSet controllers.
 */
import type { ControllerModule } from '../manager';
import { deploymentController } from './deployment/controller';
import { replicaSetController } from './replicaset/controller';

export const workloadControllers: ControllerModule[] = [deploymentController, replicaSetController];
