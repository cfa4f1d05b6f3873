/**
 * @module registry/core
 * The core/v1 (`/api/v1`) resources.
 */
import type { ResourceDescriptor } from '../types';
import { configmaps } from './configmaps';
import { endpoints } from './endpoints';
import { events } from './events';
import { namespaces } from './namespaces';
import { nodes } from './nodes';
import { pods } from './pods';
import { podtemplates } from './podtemplates';
import { limitranges, resourcequotas } from './quotas';
import { replicationcontrollers } from './replicationcontrollers';
import { secrets } from './secrets';
import { serviceaccounts } from './serviceaccounts';
import { services } from './services';
import { persistentvolumeclaims, persistentvolumes } from './volumes';

export { serviceAllocationAdmission } from './service-allocation';
export {
  configmaps,
  endpoints,
  events,
  limitranges,
  namespaces,
  nodes,
  persistentvolumeclaims,
  persistentvolumes,
  pods,
  podtemplates,
  replicationcontrollers,
  resourcequotas,
  secrets,
  serviceaccounts,
  services,
};

/** Every core/v1 descriptor, in discovery order. */
export const coreDescriptors: ResourceDescriptor[] = [
  configmaps,
  endpoints,
  events,
  limitranges,
  namespaces,
  nodes,
  persistentvolumeclaims,
  persistentvolumes,
  pods,
  podtemplates,
  replicationcontrollers,
  resourcequotas,
  secrets,
  serviceaccounts,
  services,
];
