/**
 * @module rules
 * "What can I do here": the user's allowed actions per permission module, at platform, workspace and
 * project scope, and the pure checks menus and buttons use. Buttons are hidden cosmetically; the
 * platform authorizes every request regardless.
 */

export type Action = 'view' | 'create' | 'edit' | 'delete' | 'manage';
/** module → actions. The `_` module is a wildcard (a role with `*` rules). */
export type RuleMap = Record<string, Action[]>;

const ACTIONS: Action[] = ['view', 'create', 'edit', 'delete', 'manage'];
export const TEMPLATE_RULES_ANNOTATION = 'iam.kubesphere.io/role-template-rules';

interface RoleLike {
  metadata?: { annotations?: Record<string, string> };
  rules?: { verbs?: string[]; resources?: string[]; apiGroups?: string[] }[];
}

function addActions(map: RuleMap, module: string, actions: Action[]): void {
  const set = new Set([...(map[module] ?? []), ...actions]);
  map[module] = ACTIONS.filter((a) => set.has(a));
}

function toActions(value: unknown): Action[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[|,]/) : [];
  return list.map((v) => String(v).trim()).filter((v): v is Action => (ACTIONS as string[]).includes(v));
}

interface PolicyRule {
  verbs?: string[];
  resources?: string[];
  apiGroups?: string[];
  resourceNames?: string[];
}

/** Cluster resources whose list permission unlocks a console module that has no role template. */
const RESOURCE_MODULES: Record<string, string> = {
  nodes: 'nodes',
  storageclasses: 'storageclasses',
  namespaces: 'projects',
  users: 'users',
  globalroles: 'roles',
  workspaces: 'workspaces',
  workspacetemplates: 'workspaces',
  // alerting.kubesphere.io: alert policies (`rules`) and alert messages (`alerts`).
  rules: 'alerting',
  alerts: 'alerting',
};

/** Platform-API resources (group/resource) whose read permission unlocks a console module. */
const GROUP_RESOURCE_MODULES: [group: string, resource: string, module: string][] = [
  ['auditing.kubesphere.io', 'events', 'auditing'],
  ['resources.kubesphere.io', 'components', 'components'],
];

/**
 * Resources every signed-in user may list (users, to pick members): listing them is no reason to show
 * their module; the module comes from the role template (the platform's `modules`) or from write rights.
 */
const LISTED_BY_EVERYONE = new Set(['users']);

/**
 * Modules implied directly by policy rules: `*` verbs on `*` resources is the wildcard; listing a
 * resource of RESOURCE_MODULES gives `view`, and `*`/create on it gives `manage`.
 */
export function modulesFromPolicyRules(rules: PolicyRule[]): RuleMap {
  const map: RuleMap = {};
  for (const r of rules) {
    if (r.resourceNames?.length) continue;
    const verbs = r.verbs ?? [];
    const resources = r.resources ?? [];
    // A `*` resource only means "everything" together with a `*` API group: the project operator role
    // has `*` resources in a list of groups and must not become a wildcard (no members/roles rights).
    const everything = resources.includes('*') && (r.apiGroups ?? ['*']).includes('*');
    if (everything && verbs.includes('*')) addActions(map, '_', ['manage']);
    for (const [resource, module] of Object.entries(RESOURCE_MODULES)) {
      if (!resources.includes(resource) && !everything) continue;
      if (verbs.includes('*') || verbs.includes('create')) addActions(map, module, ['view', 'manage']);
      else if (verbs.includes('list') && !LISTED_BY_EVERYONE.has(resource)) addActions(map, module, ['view']);
    }
    // These resource names are also core kinds (events): the API group must match as well. A `*` on
    // everything is already the `_` wildcard.
    for (const [group, resource, module] of everything && verbs.includes('*') ? [] : GROUP_RESOURCE_MODULES) {
      const groupOk = (r.apiGroups ?? []).some((g) => g === group || g === '*');
      const resourceOk = resources.includes(resource) || resources.includes('*');
      if (groupOk && resourceOk && (verbs.includes('*') || verbs.includes('list')))
        addActions(map, module, ['view']);
    }
  }
  return map;
}

/**
 * Builds a RuleMap from whatever the rules endpoint returned:
 * - the platform's `{modules: {module: view|create|manage}, rules: PolicyRule[]}`;
 * - roles (`{items}` or an array) carrying the `role-template-rules` annotation (KubeSphere 3.x),
 *   where a role whose rules grant `*` verbs on `*` resources becomes the `_` wildcard;
 * - 2.0 "simple rules" `[{name, actions}]`;
 * - an already flat `{module: actions}` map.
 */
export function parseRules(body: unknown): RuleMap {
  const map: RuleMap = {};
  if (body && typeof body === 'object' && 'modules' in body) {
    const b = body as { modules?: Record<string, unknown>; rules?: PolicyRule[] };
    for (const [module, actions] of Object.entries(b.modules ?? {}))
      addActions(map, module, toActions(actions));
    return mergeRules(map, modulesFromPolicyRules(b.rules ?? []));
  }
  const list: unknown[] = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { items?: unknown[] }).items)
      ? (body as { items: unknown[] }).items
      : [];
  if (!Array.isArray(body) && list.length === 0 && body && typeof body === 'object') {
    for (const [module, actions] of Object.entries(body as Record<string, unknown>)) {
      if (module !== 'items') addActions(map, module, toActions(actions));
    }
    return map;
  }
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const simple = entry as { name?: string; actions?: unknown };
    if (typeof simple.name === 'string' && simple.actions !== undefined) {
      addActions(map, simple.name, toActions(simple.actions));
      continue;
    }
    const role = entry as RoleLike;
    const raw = role.metadata?.annotations?.[TEMPLATE_RULES_ANNOTATION];
    if (raw) {
      try {
        const parsed = JSON.parse(raw) as Record<string, unknown>;
        for (const [module, actions] of Object.entries(parsed)) addActions(map, module, toActions(actions));
      } catch {
        // a malformed annotation grants nothing
      }
    }
    const star = role.rules?.some(
      (r) => r.verbs?.includes('*') && r.resources?.includes('*') && (r.apiGroups ?? ['*']).includes('*'),
    );
    if (star) addActions(map, '_', ['manage']);
  }
  return map;
}

/** Union of several scopes' rules (platform ∪ workspace ∪ project, as the authorizer evaluates). */
export function mergeRules(...maps: (RuleMap | null | undefined)[]): RuleMap {
  const out: RuleMap = {};
  for (const m of maps)
    if (m) for (const [module, actions] of Object.entries(m)) addActions(out, module, actions);
  return out;
}

/**
 * May the user perform `action` on `authKey` (`a|b` = any of)? `manage` implies every action; `_` is a
 * wildcard module. `null` rules mean "unknown" (endpoint unavailable) and allow, leaving the decision
 * to the server.
 */
export function can(rules: RuleMap | null, authKey: string, action: Action = 'view'): boolean {
  if (rules === null) return true;
  const modules = [...authKey.split('|'), '_'];
  return modules.some((m) => {
    const actions = rules[m];
    return !!actions && (actions.includes('manage') || actions.includes(action));
  });
}
