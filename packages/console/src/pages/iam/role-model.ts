/**
 * @module role-model
 * Custom roles are built from role templates (KubeSphere 3.x): the authorization matrix shows one row per
 * module with the templates of that module (view / create / manage); the created role names the chosen
 * templates in `iam.kubesphere.io/aggregation-roles` and the platform expands them into rules. Pure.
 */
import type { KubeObject } from '@sphere/shared';
import type { Scope } from '../../api/iam';
import { DESCRIPTION } from '../../resources/meta';

export const AGGREGATION_ANNOTATION = 'iam.kubesphere.io/aggregation-roles';
const RULES_ANNOTATION = 'iam.kubesphere.io/role-template-rules';
const DEPENDENCIES_ANNOTATION = 'iam.kubesphere.io/dependencies';

export interface TemplateOption {
  name: string;
  access: string;
  dependencies: string[];
}
export interface MatrixRow {
  module: string;
  options: TemplateOption[];
}

const ACCESS_ORDER = ['view', 'create', 'manage'];

function parseJson<T>(raw: string | undefined, fallback: T): T {
  try {
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** Groups templates by module; module/access come from the rules annotation, else from the name. */
export function templateMatrix(templates: KubeObject[]): MatrixRow[] {
  const rows = new Map<string, TemplateOption[]>();
  for (const t of templates) {
    const name = t.metadata.name ?? '';
    const annotated = Object.entries(
      parseJson<Record<string, string>>(t.metadata.annotations?.[RULES_ANNOTATION], {}),
    )[0];
    const fromName = /^role-template-(view|create|manage)-(.+)$/.exec(name);
    const [module, access] = annotated ?? (fromName ? [fromName[2], fromName[1]] : []);
    if (!module || !access) continue;
    const dependencies = parseJson<string[]>(t.metadata.annotations?.[DEPENDENCIES_ANNOTATION], []);
    rows.set(module, [...(rows.get(module) ?? []), { name, access, dependencies }]);
  }
  return [...rows.entries()]
    .map(([module, options]) => ({
      module,
      options: options.sort((a, b) => ACCESS_ORDER.indexOf(a.access) - ACCESS_ORDER.indexOf(b.access)),
    }))
    .sort((a, b) => a.module.localeCompare(b.module));
}

/** Selected templates plus everything they depend on (transitively), sorted. */
export function withDependencies(selected: string[], matrix: MatrixRow[]): string[] {
  const deps = new Map(matrix.flatMap((r) => r.options.map((o) => [o.name, o.dependencies] as const)));
  const out = new Set<string>();
  const visit = (name: string) => {
    if (out.has(name)) return;
    out.add(name);
    for (const d of deps.get(name) ?? []) visit(d);
  };
  selected.forEach(visit);
  return [...out].sort();
}

/** The role object POSTed to the scope's roles collection. */
export function customRole(scope: Scope, name: string, description: string, templates: string[]): KubeObject {
  const typeMeta =
    scope.kind === 'namespace'
      ? { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' }
      : {
          apiVersion: 'iam.kubesphere.io/v1alpha2',
          kind: scope.kind === 'workspace' ? 'WorkspaceRole' : 'GlobalRole',
        };
  return {
    ...typeMeta,
    metadata: {
      name,
      annotations: {
        [AGGREGATION_ANNOTATION]: JSON.stringify(templates),
        ...(description ? { [DESCRIPTION]: description } : {}),
      },
    },
    rules: [],
  };
}
