/**
 * @module controllers/users
 * User controller: hashes a plaintext `spec.password` written straight to the cluster (e.g. an admin reset
 * with kubectl), keeps the status state machine (new → Active, lock after failed logins, automatic unlock),
 * and deletes the bindings and login records of users that are gone. Login-record controller: keeps at most
 * N records per user and none older than the retention period.
 */
import { StatusError } from '@sphere/shared';
import { hashPassword, isBcryptHash } from '../auth/password';
import type { Platform, UserObject } from '../context';
import { L } from '../iam/labels';
import { cleanupUser } from '../iam/users';
import { desiredStatus, expiredRecords } from '../iam/user-state';
import { types } from '../kube/resources';

const tolerate = (err: unknown) => {
  // 409: a peer (or the API) wrote the user first — the next event reconciles again. 404: it is gone.
  if (!(err instanceof StatusError && (err.code === 409 || err.code === 404))) throw err;
};

export async function reconcileUser(p: Platform, name: string): Promise<void> {
  const user = p.caches.users.get(name);
  if (!user) {
    const leftovers = [
      p.caches.globalRoleBindings,
      p.caches.workspaceRoleBindings,
      p.caches.roleBindings,
      p.caches.loginRecords,
    ].some((c) =>
      (c.list() as { metadata: { labels?: Record<string, string> } }[]).some(
        (o) => o.metadata.labels?.[L.userRef] === name,
      ),
    );
    if (leftovers) await cleanupUser(p, name);
    return;
  }
  let next: UserObject | undefined;
  if (user.spec.password && !isBcryptHash(user.spec.password)) {
    const annotations: Record<string, string> = {
      ...user.metadata.annotations,
      [L.lastPasswordChange]: p.now().toISOString(),
    };
    delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    next = {
      ...user,
      metadata: { ...user.metadata, annotations },
      spec: { ...user.spec, password: await hashPassword(user.spec.password, p.cfg.bcryptCost) },
    };
  }
  const records = p.caches.loginRecords.list().filter((r) => r.metadata.labels?.[L.userRef] === name);
  const status = desiredStatus(next ?? user, records, p.now(), {
    maxTries: p.cfg.loginMaxTries,
    windowSeconds: p.cfg.loginWindowSeconds,
  });
  if (status) next = { ...(next ?? user), status };
  if (!next) return;
  try {
    await p.update(types.users, next);
  } catch (err) {
    tolerate(err);
  }
}

export async function pruneLoginRecords(p: Platform): Promise<void> {
  const byUser = new Map<string, typeof records>();
  const records = p.caches.loginRecords.list();
  for (const r of records) {
    const u = r.metadata.labels?.[L.userRef] ?? '';
    if (!byUser.has(u)) byUser.set(u, []);
    byUser.get(u)!.push(r);
  }
  for (const list of byUser.values()) {
    for (const r of expiredRecords(
      list,
      p.now(),
      p.cfg.loginHistoryRetentionSeconds,
      p.cfg.loginHistoryMaxEntries,
    )) {
      await p.delete(types.loginRecords, r.metadata.name!);
    }
  }
}
