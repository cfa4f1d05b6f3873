/**
 * @module controllers/system
 * Cluster housekeeping controllers: garbage collector, namespaces, service accounts, services and
 * endpoints, volumes, jobs and cron jobs, autoscaling, quotas.
 */
import type { ControllerModule } from '../manager';

export const systemControllers: ControllerModule[] = [];
