/**
 * @module monitoring/testing/fake-cluster
 * A stand-in for a cluster with simulated nodes, for tests and benchmarks until the embedded cluster's node
 * simulator serves kubelet metrics: nodes and pods as objects (an InventoryView), and each node's
 * `/metrics/cadvisor` and `/metrics/resource` text, whose counters advance with each pod's CPU load.
 */
import type { KubeObject } from '@sphere/shared';
import { WORKSPACE_LABEL, type InventoryView } from '../inventory';

export interface FakePod {
  namespace: string;
  name: string;
  node: string;
  /** CPU cores the pod's single container uses. */
  cpu: number;
  memory: number;
  /** Network bytes/s in and out. */
  rx: number;
  tx: number;
  phase?: string;
  owner?: { kind: string; name: string };
}

interface Counters {
  cpu: number;
  rx: number;
  tx: number;
}

export class FakeCluster implements InventoryView {
  readonly nodeObjects: KubeObject[] = [];
  readonly podList: FakePod[] = [];
  readonly nsObjects: KubeObject[] = [];
  readonly deployments: KubeObject[] = [];
  readonly replicaSets: KubeObject[] = [];
  private readonly counters = new Map<string, Counters>();
  private readonly nodeCpu = new Map<string, number>();
  private lastAdvance?: number;
  /** Nodes whose kubelet does not answer. */
  readonly down = new Set<string>();

  addNode(name: string, cpu = '4', memory = '8Gi', pods = '110'): void {
    this.nodeObjects.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name },
      status: {
        allocatable: { cpu, memory, pods, 'ephemeral-storage': '100Gi' },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    } as KubeObject);
    this.nodeCpu.set(name, 0);
  }

  addNamespace(name: string, workspace?: string): void {
    this.nsObjects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: workspace ? { [WORKSPACE_LABEL]: workspace } : {} },
    });
  }

  addPod(p: FakePod): void {
    this.podList.push(p);
    this.counters.set(`${p.namespace}/${p.name}`, { cpu: 0, rx: 0, tx: 0 });
  }

  removePod(namespace: string, name: string): void {
    const i = this.podList.findIndex((p) => p.namespace === namespace && p.name === name);
    if (i >= 0) this.podList.splice(i, 1);
    this.counters.delete(`${namespace}/${name}`);
  }

  /** A Deployment with `replicas` pods spread over the nodes (ReplicaSet `<name>-abc12`). */
  scaleDeployment(namespace: string, name: string, replicas: number, perPod: Partial<FakePod> = {}): void {
    const rs = `${name}-abc12`;
    if (!this.deployments.some((d) => d.metadata.name === name && d.metadata.namespace === namespace)) {
      this.deployments.push({ metadata: { name, namespace }, spec: { replicas }, status: {} } as KubeObject);
      this.replicaSets.push({
        metadata: {
          name: rs,
          namespace,
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: `uid-${name}`, controller: true },
          ],
        },
      } as KubeObject);
    }
    const dep = this.deployments.find((d) => d.metadata.name === name && d.metadata.namespace === namespace)!;
    (dep.spec as { replicas: number }).replicas = replicas;
    (dep.status as Record<string, number>).availableReplicas = replicas;
    const mine = this.podList.filter((p) => p.namespace === namespace && p.owner?.name === rs);
    for (const p of mine.slice(replicas)) this.removePod(p.namespace, p.name);
    const nodes = this.nodeObjects.map((n) => n.metadata.name!);
    for (let i = mine.length; i < replicas; i++) {
      this.addPod({
        namespace,
        name: `${rs}-${i.toString(36).padStart(5, 'x')}`,
        node: nodes[i % nodes.length],
        cpu: 0.25,
        memory: 64 * 2 ** 20,
        rx: 1000,
        tx: 2000,
        owner: { kind: 'ReplicaSet', name: rs },
        ...perPod,
      });
    }
  }

  /** Advances every counter to time `t` (ms) at the current loads. */
  advance(t: number): void {
    if (this.lastAdvance !== undefined) {
      const dt = (t - this.lastAdvance) / 1000;
      for (const p of this.podList) {
        const c = this.counters.get(`${p.namespace}/${p.name}`)!;
        c.cpu += p.cpu * dt;
        c.rx += p.rx * dt;
        c.tx += p.tx * dt;
        this.nodeCpu.set(p.node, (this.nodeCpu.get(p.node) ?? 0) + p.cpu * dt);
      }
    }
    this.lastAdvance = t;
  }

  /** What the API server proxy answers for a kubelet metrics path. */
  async get(path: string): Promise<{ status: number; text: string }> {
    const m = /^\/api\/v1\/nodes\/([^/]+)\/proxy\/metrics\/(cadvisor|resource)$/.exec(path);
    if (!m) return { status: 404, text: '' };
    const node = decodeURIComponent(m[1]);
    if (this.down.has(node) || !this.nodeCpu.has(node)) return { status: 503, text: 'node unavailable' };
    const t = this.lastAdvance ?? 0;
    if (m[2] === 'resource') {
      const mem = this.podList.filter((p) => p.node === node).reduce((a, p) => a + p.memory, 0) + 2 ** 30;
      return {
        status: 200,
        text: `node_cpu_usage_seconds_total ${this.nodeCpu.get(node)} ${t}\nnode_memory_working_set_bytes ${mem} ${t}\n`,
      };
    }
    let text = '# TYPE container_cpu_usage_seconds_total counter\n';
    for (const p of this.podList) {
      if (p.node !== node) continue;
      const c = this.counters.get(`${p.namespace}/${p.name}`)!;
      const l = `namespace="${p.namespace}",pod="${p.name}"`;
      text += `container_cpu_usage_seconds_total{container="app",${l}} ${c.cpu} ${t}\n`;
      text += `container_memory_working_set_bytes{container="app",${l}} ${p.memory} ${t}\n`;
      text += `container_memory_usage_bytes{container="app",${l}} ${p.memory * 1.25} ${t}\n`;
      text += `container_fs_usage_bytes{container="app",${l}} 1048576 ${t}\n`;
      text += `container_network_receive_bytes_total{container="",interface="eth0",${l}} ${c.rx} ${t}\n`;
      text += `container_network_transmit_bytes_total{container="",interface="eth0",${l}} ${c.tx} ${t}\n`;
    }
    return { status: 200, text };
  }

  // InventoryView
  nodes = () => this.nodeObjects;
  namespaces = () => this.nsObjects;
  pods = (): KubeObject[] =>
    this.podList.map((p) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: p.name,
        namespace: p.namespace,
        ...(p.owner
          ? {
              ownerReferences: [
                { ...p.owner, apiVersion: 'apps/v1', uid: `uid-${p.owner.name}`, controller: true },
              ],
            }
          : {}),
      },
      spec: { nodeName: p.node },
      status: { phase: p.phase ?? 'Running' },
    }));
  counted = (key: string) =>
    key === 'deployment' ? this.deployments : key === 'replicaset' ? this.replicaSets : [];
  resourceQuotas = () => [];
  replicaSet = (ns: string, name: string) =>
    this.replicaSets.find((r) => r.metadata.namespace === ns && r.metadata.name === name);
  namespace = (name: string) => this.nsObjects.find((n) => n.metadata.name === name);
  pod = (ns: string, name: string) =>
    this.pods().find((p) => p.metadata.namespace === ns && p.metadata.name === name);
}
