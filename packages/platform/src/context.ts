/**
 * @module context
 * What every handler and controller shares: the cluster client, the watch caches, the authorizer's policy
 * view, the token issuer and the resolved configuration.
 */
import type { KubeObject } from '@sphere/shared';
import { authorize } from './authz/authorizer';
import { policyFrom } from './authz/policy';
import { checkAttributes } from './authz/requestinfo';
import type { BindingObject, PolicySource, RoleObject, UserInfo } from './authz/types';
import type { TokenIssuer } from './auth/tokens';
import type { AuditLog } from './audit/audit';
import { WatchCache } from './kube/cache';
import type { KubeClient } from './kube/client';
import { types, type ResourceType } from './kube/resources';

/** Public configuration of `startPlatform`. */
export interface PlatformConfig {
  kubeconfigPath: string;
  port: number;
  address?: string;
  adminPassword?: string;
  staticDir?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  now?: () => Date;
  log?: (line: string) => void;
  /** bcrypt cost (default 10; tests use 4). */
  bcryptCost?: number;
  /** Failed logins within `loginWindowSeconds` that lock an account (default 5 in 600 s). */
  loginMaxTries?: number;
  loginWindowSeconds?: number;
  /** Login history kept per user (default 100 records, 7 days). */
  loginHistoryMaxEntries?: number;
  loginHistoryRetentionSeconds?: number;
  /** Whether to run the controllers in this process (default true). */
  controllers?: boolean;
  /**
   * Monitoring (src/monitoring): `false` turns it off; otherwise it starts with these options (default: an
   * in-memory store fed by scraping the nodes' kubelets through the API server).
   */
  monitoring?: false | { dataDir?: string; prometheusUrl?: string; intervalMs?: number };
}

export type ResolvedConfig = Required<
  Omit<PlatformConfig, 'adminPassword' | 'staticDir' | 'address' | 'monitoring'>
> &
  Pick<PlatformConfig, 'adminPassword' | 'staticDir' | 'address' | 'monitoring'>;

export function resolveConfig(c: PlatformConfig): ResolvedConfig {
  return {
    ...c,
    accessTokenTtlSeconds: c.accessTokenTtlSeconds ?? 7200,
    refreshTokenTtlSeconds: c.refreshTokenTtlSeconds ?? 14400,
    now: c.now ?? (() => new Date()),
    log: c.log ?? ((line: string) => process.stderr.write(`[platform] ${line}\n`)),
    bcryptCost: c.bcryptCost ?? 10,
    loginMaxTries: c.loginMaxTries ?? 5,
    loginWindowSeconds: c.loginWindowSeconds ?? 600,
    loginHistoryMaxEntries: c.loginHistoryMaxEntries ?? 100,
    loginHistoryRetentionSeconds: c.loginHistoryRetentionSeconds ?? 7 * 24 * 3600,
    controllers: c.controllers ?? true,
  };
}

export interface UserObject extends KubeObject {
  spec: {
    email?: string;
    password?: string;
    lang?: string;
    description?: string;
    displayName?: string;
    groups?: string[];
  };
  status?: {
    state?: 'Active' | 'Disabled' | 'AuthLimitExceeded';
    reason?: string;
    lastTransitionTime?: string;
    lastLoginTime?: string;
  };
}

export interface LoginRecordObject extends KubeObject {
  spec: {
    type: string;
    provider?: string;
    sourceIP?: string;
    userAgent?: string;
    success: boolean;
    reason?: string;
  };
}

/** The watch caches the platform always keeps. */
export class Caches {
  readonly users: WatchCache<UserObject>;
  readonly globalRoles: WatchCache<RoleObject>;
  readonly globalRoleBindings: WatchCache<BindingObject>;
  readonly workspaceRoles: WatchCache<RoleObject>;
  readonly workspaceRoleBindings: WatchCache<BindingObject>;
  readonly roleBases: WatchCache<KubeObject>;
  readonly loginRecords: WatchCache<LoginRecordObject>;
  readonly workspaces: WatchCache<KubeObject>;
  readonly workspaceTemplates: WatchCache<KubeObject>;
  readonly namespaces: WatchCache<KubeObject>;
  readonly roles: WatchCache<RoleObject>;
  readonly roleBindings: WatchCache<BindingObject>;
  readonly clusterRoles: WatchCache<RoleObject>;
  readonly clusterRoleBindings: WatchCache<BindingObject>;
  readonly workspaceQuotas: WatchCache<KubeObject>;
  readonly resourceQuotas: WatchCache<KubeObject>;
  /** Caches started on demand for the v1alpha3 list API, by resource type. */
  private readonly extra = new Map<string, WatchCache>();

  constructor(
    private readonly client: KubeClient,
    private readonly log: (line: string) => void,
  ) {
    const c = <T extends KubeObject>(t: ResourceType) => new WatchCache<T>(client, t, log);
    this.users = c(types.users);
    this.globalRoles = c(types.globalRoles);
    this.globalRoleBindings = c(types.globalRoleBindings);
    this.workspaceRoles = c(types.workspaceRoles);
    this.workspaceRoleBindings = c(types.workspaceRoleBindings);
    this.roleBases = c(types.roleBases);
    this.loginRecords = c(types.loginRecords);
    this.workspaces = c(types.workspaces);
    this.workspaceTemplates = c(types.workspaceTemplates);
    this.namespaces = c(types.namespaces);
    this.roles = c(types.roles);
    this.roleBindings = c(types.roleBindings);
    this.clusterRoles = c(types.clusterRoles);
    this.clusterRoleBindings = c(types.clusterRoleBindings);
    this.workspaceQuotas = c(types.workspaceQuotas);
    this.resourceQuotas = c(types.resourceQuotas);
  }

  private get all(): WatchCache[] {
    return [
      this.users,
      this.globalRoles,
      this.globalRoleBindings,
      this.workspaceRoles,
      this.workspaceRoleBindings,
      this.roleBases,
      this.loginRecords,
      this.workspaces,
      this.workspaceTemplates,
      this.namespaces,
      this.roles,
      this.roleBindings,
      this.clusterRoles,
      this.clusterRoleBindings,
      this.workspaceQuotas,
      this.resourceQuotas,
    ] as unknown as WatchCache[];
  }

  async start(): Promise<void> {
    await Promise.all(this.all.map((c) => c.start()));
  }

  stop(): void {
    for (const c of this.all) c.stop();
    for (const c of this.extra.values()) c.stop();
  }

  /** The cache for a type, started on first use (the v1alpha3 list API). */
  async forType(type: ResourceType): Promise<WatchCache> {
    const known = this.all.find((c) => c.type.resource === type.resource && c.type.group === type.group);
    if (known) return known;
    const key = `${type.group}/${type.resource}`;
    let cache = this.extra.get(key);
    if (!cache) {
      cache = new WatchCache(this.client, type, this.log);
      this.extra.set(key, cache);
      void cache.start();
    }
    await cache.ready;
    return cache;
  }

  /** Puts a freshly written object into the matching cache (read-your-writes for the next request). */
  remember(type: ResourceType, obj: KubeObject): void {
    const cache =
      this.all.find((c) => c.type.resource === type.resource && c.type.group === type.group) ??
      this.extra.get(`${type.group}/${type.resource}`);
    cache?.upsert(obj);
  }

  forget(type: ResourceType, name: string, namespace?: string): void {
    const cache =
      this.all.find((c) => c.type.resource === type.resource && c.type.group === type.group) ??
      this.extra.get(`${type.group}/${type.resource}`);
    cache?.remove(name, namespace);
  }
}

/** Shared state of one platform process. */
export class Platform {
  readonly policy: PolicySource;

  constructor(
    readonly client: KubeClient,
    readonly caches: Caches,
    readonly issuer: TokenIssuer,
    readonly cfg: ResolvedConfig,
    readonly audit: AuditLog,
  ) {
    this.policy = policyFrom({
      globalRoles: caches.globalRoles,
      globalRoleBindings: caches.globalRoleBindings,
      workspaceRoles: caches.workspaceRoles,
      workspaceRoleBindings: caches.workspaceRoleBindings,
      roles: caches.roles,
      roleBindings: caches.roleBindings,
      clusterRoles: caches.clusterRoles,
      clusterRoleBindings: caches.clusterRoleBindings,
      namespaces: caches.namespaces,
    });
  }

  now(): Date {
    return this.cfg.now();
  }

  log(line: string): void {
    this.cfg.log(line);
  }

  /** "May this user do verb on resource here?" for handlers' own checks. */
  can(
    user: UserInfo,
    verb: string,
    apiGroup: string,
    resource: string,
    where: Parameters<typeof checkAttributes>[3] = {},
  ): boolean {
    return authorize(user, checkAttributes(verb, apiGroup, resource, where), this.policy).allowed;
  }

  /** Writes through the client and remembers the result in the cache. */
  async create<T extends KubeObject>(type: ResourceType, obj: T): Promise<T> {
    const created = await this.client.create(type, obj);
    this.caches.remember(type, created);
    return created;
  }

  async update<T extends KubeObject>(type: ResourceType, obj: T): Promise<T> {
    const updated = await this.client.update(type, obj);
    this.caches.remember(type, updated);
    return updated;
  }

  async patch<T extends KubeObject>(
    type: ResourceType,
    name: string,
    patch: unknown,
    namespace?: string,
  ): Promise<T> {
    const patched = await this.client.mergePatch<T>(type, name, patch, namespace);
    this.caches.remember(type, patched);
    return patched;
  }

  async delete(type: ResourceType, name: string, namespace?: string): Promise<void> {
    await this.client.delete(type, name, namespace);
    this.caches.forget(type, name, namespace);
  }

  /** Creates if absent (idempotent for racing replicas); returns the created or cached/current object. */
  async ensure<T extends KubeObject>(type: ResourceType, obj: T): Promise<void> {
    const created = await this.client.createIfAbsent(type, obj);
    if (created) this.caches.remember(type, created);
  }
}
