/**
 * @module controllers
 * Wires the reconcilers to the watch caches: every add/update/delete queues the affected key, and a
 * periodic resync re-queues everything (self-healing, automatic unlock of locked users, login-history
 * pruning). Safe to run on several replicas at once.
 */
import type { Platform } from '../context';
import { L } from '../iam/labels';
import { reconcileNamespace, reconcileWorkspace } from './tenant';
import { WorkQueue } from './queue';
import { pruneLoginRecords, reconcileUser } from './users';
import { reaggregateRoles } from './roletemplates';

export interface Controllers {
  stop(): void;
  /** Resolves when every queue is idle (tests). */
  idle(): Promise<void>;
}

export function startControllers(p: Platform, resyncSeconds = 15): Controllers {
  const log = (l: string) => p.log(l);
  const users = new WorkQueue('user', (k) => reconcileUser(p, k), log);
  const workspaces = new WorkQueue('workspacetemplate', (k) => reconcileWorkspace(p, k), log);
  const namespaces = new WorkQueue('namespace', (k) => reconcileNamespace(p, k), log);
  const templates = new WorkQueue('roletemplate', (k) => reaggregateRoles(p, k), log);
  const c = p.caches;
  c.users.onChange((_t, u) => users.add(u.metadata.name!));
  c.loginRecords.onChange((t, r) => {
    const u = r.metadata.labels?.[L.userRef];
    if (u && t === 'ADDED') users.add(u);
  });
  c.workspaceTemplates.onChange((_t, w) => workspaces.add(w.metadata.name!));
  // Deleted namespaces too: their project gateway goes with them.
  c.namespaces.onChange((_t, n) => namespaces.add(n.metadata.name!));
  // A workspace appearing lets its namespaces get their owner reference.
  c.workspaces.onChange((t, w) => {
    if (t === 'DELETED') return;
    for (const ns of c.namespaces.list())
      if (ns.metadata.labels?.[L.workspace] === w.metadata.name) namespaces.add(ns.metadata.name!);
  });
  // Role bases changing restamp every workspace and project.
  c.roleBases.onChange((_t, b) => {
    if (b.metadata.labels?.[L.roleTemplate] === 'true') templates.add(`namespace/${b.metadata.name}`);
  });
  c.globalRoles.onChange((_t, r) => {
    if (r.metadata.labels?.[L.roleTemplate] === 'true') templates.add(`global/${r.metadata.name}`);
  });
  c.workspaceRoles.onChange((_t, r) => {
    if (r.metadata.labels?.[L.roleTemplate] === 'true') templates.add(`workspace/${r.metadata.name}`);
    // A stamped workspace role edited or deleted by hand is restored by its workspace's reconcile.
    const ws = r.metadata.labels?.[L.workspace];
    if (ws) workspaces.add(ws);
  });
  // Likewise the stamped project roles.
  c.roles.onChange((_t, r) => {
    if (r.metadata.namespace && c.namespaces.get(r.metadata.namespace)?.metadata.labels?.[L.workspace]) {
      namespaces.add(r.metadata.namespace);
    }
  });
  const resyncAll = () => {
    for (const u of c.users.list()) users.add(u.metadata.name!);
    for (const w of c.workspaceTemplates.list()) workspaces.add(w.metadata.name!);
    for (const w of c.workspaces.list())
      if (!c.workspaceTemplates.get(w.metadata.name!)) workspaces.add(w.metadata.name!);
    for (const n of c.namespaces.list()) namespaces.add(n.metadata.name!);
    void pruneLoginRecords(p).catch((err: Error) => log(`login record pruning failed: ${err.message}`));
  };
  resyncAll();
  const timer = setInterval(resyncAll, resyncSeconds * 1000);
  timer.unref();
  const queues = [users, workspaces, namespaces, templates];
  return {
    stop() {
      clearInterval(timer);
      for (const q of queues) q.stop();
    },
    async idle() {
      await Promise.all(queues.map((q) => q.idle()));
    },
  };
}
