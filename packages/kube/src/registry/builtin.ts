/**
 * @module registry/builtin
 * Every built-in resource the embedded API server serves: core/v1 plus the named groups. Within a group,
 * versions are listed in order of preference (the first served version of a group is its preferred one).
 */
import { apiextensionsDescriptors } from './apiextensions';
import { appsDescriptors } from './apps';
import { authenticationDescriptors } from './authentication';
import { authorizationDescriptors } from './authorization';
import { autoscalingDescriptors } from './autoscaling';
import { batchDescriptors } from './batch';
import { coordinationDescriptors } from './coordination';
import { coreDescriptors } from './core';
import { discoveryDescriptors } from './discovery';
import { eventsDescriptors } from './events';
import { networkingDescriptors } from './networking';
import { policyDescriptors } from './policy';
import { rbacDescriptors } from './rbac';
import { schedulingDescriptors } from './scheduling';
import { storageDescriptors } from './storage';
import type { ResourceDescriptor } from './types';

/** The built-in descriptors, core first, then groups in the order discovery lists them. */
export function builtinDescriptors(): ResourceDescriptor[] {
  return [
    ...coreDescriptors,
    ...appsDescriptors(),
    ...eventsDescriptors(),
    ...authenticationDescriptors(),
    ...authorizationDescriptors(),
    ...autoscalingDescriptors(),
    ...batchDescriptors(),
    ...networkingDescriptors(),
    ...policyDescriptors(),
    ...rbacDescriptors(),
    ...storageDescriptors(),
    ...apiextensionsDescriptors(),
    ...schedulingDescriptors(),
    ...coordinationDescriptors(),
    ...discoveryDescriptors(),
  ];
}
