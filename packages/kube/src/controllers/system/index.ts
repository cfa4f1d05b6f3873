/**
 * @module controllers/system
 * Cluster housekeeping controllers: garbage collector, namespaces, service accounts, services and
 * endpoints, volumes, jobs and cron jobs, autoscaling, quotas.
 */
import type { ControllerModule } from '../manager';
import { garbageCollector } from './garbage-collector';
import { namespaceLifecycle } from './namespace-lifecycle';
import { serviceAccounts } from './service-accounts';
import { jobController } from './job/controller';
import { endpointsController } from './endpoints/controller';
import { volumeControllers } from './volumes/controller';
import { cronJobController } from './cronjob/controller';
import { resourceQuotaController } from './quota/controller';
import { hpaController } from './hpa/controller';

export const systemControllers: ControllerModule[] = [
  garbageCollector,
  namespaceLifecycle,
  serviceAccounts,
  jobController,
  endpointsController,
  volumeControllers,
  cronJobController,
  resourceQuotaController,
  hpaController,
];
