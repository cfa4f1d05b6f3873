/**
 * @module controllers
 * Every controller module of the embedded cluster, in start order.
 */
import type { ControllerModule } from './manager';
import { systemControllers } from './system';
import { workloadControllers } from './workloads';

export const allControllers: ControllerModule[] = [...systemControllers, ...workloadControllers];
