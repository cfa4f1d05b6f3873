/**
 * @module nodes/node-template
 * What a simulated node looks like, as data: the Node object a kubelet would register (labels, capacity,
 * addresses, nodeInfo, conditions with kubelet's reasons and messages) and its Lease in kube-node-lease.
 */
import type { KubeObject } from '@sphere/shared';

/** Zones simulated nodes are spread over (round-robin by index). */
export const ZONES = ['zone-a', 'zone-b', 'zone-c'];
export const SIMULATED_ANNOTATION = 'sphere.io/simulated-node';
export const KUBELET_VERSION = 'v1.32.4-sphere';

export interface NodeShape {
  cpu: string;
  memory: string;
  pods: string;
  ephemeralStorage: string;
}

export const defaultNodeShape: NodeShape = {
  cpu: '8',
  memory: '32Gi',
  pods: '110',
  ephemeralStorage: '100Gi',
};

export const ts = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** node-1 → 1; anything else → a stable number derived from the name. */
export function nodeIndex(name: string): number {
  const m = /-(\d+)$/.exec(name);
  if (m) return Number(m[1]);
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 60_000;
  return 1000 + h;
}

/** 10.0.0.x addresses for the first 254 nodes, then 10.0.1.x and so on. */
export function nodeInternalIP(index: number): string {
  const n = index - 1;
  return `10.0.${Math.floor(n / 254)}.${(n % 254) + 1}`;
}

/** A /24 pod range per node: 10.244.0.0/24 for node-1, 10.244.1.0/24 for node-2... */
export function nodePodCIDR(index: number): string {
  const n = index - 1;
  return `10.${244 + Math.floor(n / 256)}.${n % 256}.0/24`;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

interface NodeCondition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastHeartbeatTime: string;
  lastTransitionTime: string;
}

/** The four conditions a healthy kubelet reports, with kubelet's reasons and messages. */
export function healthyConditions(now: Date, since: Date = now): NodeCondition[] {
  const hb = ts(now);
  const tt = ts(since);
  return [
    {
      type: 'MemoryPressure',
      status: 'False',
      reason: 'KubeletHasSufficientMemory',
      message: 'kubelet has sufficient memory available',
      lastHeartbeatTime: hb,
      lastTransitionTime: tt,
    },
    {
      type: 'DiskPressure',
      status: 'False',
      reason: 'KubeletHasNoDiskPressure',
      message: 'kubelet has no disk pressure',
      lastHeartbeatTime: hb,
      lastTransitionTime: tt,
    },
    {
      type: 'PIDPressure',
      status: 'False',
      reason: 'KubeletHasSufficientPID',
      message: 'kubelet has sufficient PID available',
      lastHeartbeatTime: hb,
      lastTransitionTime: tt,
    },
    {
      type: 'Ready',
      status: 'True',
      reason: 'KubeletReady',
      message: 'kubelet is posting ready status',
      lastHeartbeatTime: hb,
      lastTransitionTime: tt,
    },
  ];
}

/** What the node lifecycle controller writes when a node stops heartbeating (all conditions Unknown). */
export function unknownConditions(conditions: NodeCondition[], now: Date): NodeCondition[] {
  return conditions.map((c) => ({
    ...c,
    status: 'Unknown',
    reason: 'NodeStatusUnknown',
    message: 'Kubelet stopped posting node status.',
    lastTransitionTime: c.status === 'Unknown' ? c.lastTransitionTime : ts(now),
  }));
}

/** The Node object a simulated kubelet registers. */
export function nodeObject(name: string, now: Date, shape: NodeShape = defaultNodeShape): KubeObject {
  const index = nodeIndex(name);
  const cidr = nodePodCIDR(index);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'topology.kubernetes.io/region': 'sphere-local',
    'topology.kubernetes.io/zone': ZONES[(index - 1) % ZONES.length],
    'node.kubernetes.io/instance-type': 'sphere.simulated',
  };
  if (index === 1) labels['node-role.kubernetes.io/control-plane'] = '';
  const resources = {
    cpu: shape.cpu,
    'ephemeral-storage': shape.ephemeralStorage,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: shape.memory,
    pods: shape.pods,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: {
        [SIMULATED_ANNOTATION]: 'true',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr], providerID: `sphere://${name}` },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: healthyConditions(now),
      addresses: [
        { type: 'InternalIP', address: nodeInternalIP(index) },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: `sphere${index.toString(16).padStart(27, '0')}`,
        systemUUID: `5f1d0000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
        bootID: `b007${index.toString(16).padStart(28, '0')}`,
        kernelVersion: '6.1.0-sphere',
        osImage: 'Sphere Simulated Linux',
        containerRuntimeVersion: 'containerd://1.7.24-sphere',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [],
    },
  };
}

/** The node's Lease (kube-node-lease/<node>), owned by the Node as the kubelet makes it. */
export function leaseObject(node: KubeObject, now: Date): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node.metadata.name,
      namespace: 'kube-node-lease',
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Node', name: node.metadata.name ?? '', uid: node.metadata.uid ?? '' },
      ],
    },
    spec: {
      holderIdentity: node.metadata.name,
      leaseDurationSeconds: 40,
      renewTime: now
        .toISOString()
        .replace('Z', '000Z')
        .replace(/(\.\d{6})\d*Z$/, '$1Z'),
    },
  };
}
