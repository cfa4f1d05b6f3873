/**
 * @module registry/apiextensions/customresourcedefinitions
 * apiextensions.k8s.io/v1 CustomResourceDefinition (cluster-scoped): name defaults, validation of names,
 * group, scope and versions with kube-apiserver's messages, and the status it keeps. The embedded cluster
 * has no separate establishing controller, so a CRD's names are accepted and it is marked Established
 * as it is written (name conflicts between CRDs are not detected here).
 */
import { isDns1123Label, isDns1123Subdomain, type KubeObject, type StatusCause } from '@sphere/shared';
import {
  child,
  createdAtColumn,
  defaultField,
  immutableField,
  invalidRendered,
  isDns1035Label,
  isObj,
  nameAndCreatedAt,
  nameColumn,
  specOf,
  type Obj,
} from '../apps/support';
import type { ResourceDescriptor, StrategyContext } from '../types';

function versionsOf(spec: Obj): Obj[] {
  return Array.isArray(spec.versions) ? spec.versions.filter(isObj) : [];
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** apiextensions/v1 defaulting: singular and listKind from the kind, conversion strategy None. */
export function defaultCrd(obj: KubeObject): void {
  const spec = specOf(obj);
  const names = child(spec, 'names');
  const kind = text(names.kind);
  if (!text(names.singular) && kind) names.singular = kind.toLowerCase();
  if (!text(names.listKind) && kind) names.listKind = `${kind}List`;
  defaultField(spec, 'conversion', { strategy: 'None' });
  const webhook = isObj(spec.conversion) ? spec.conversion.webhook : undefined;
  const service = isObj(webhook) && isObj(webhook.clientConfig) ? webhook.clientConfig.service : undefined;
  if (isObj(service)) defaultField(service, 'port', 443);
}

function validateNames(names: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const label = (field: string, value: string) =>
    isDns1123Label(value).map((msg) => invalidRendered(field, JSON.stringify(value), msg));
  const plural = text(names.plural);
  if (!plural)
    causes.push({ reason: 'FieldValueRequired', field: 'spec.names.plural', message: 'Required value' });
  else causes.push(...label('spec.names.plural', plural));
  const singular = text(names.singular);
  if (!singular)
    causes.push({ reason: 'FieldValueRequired', field: 'spec.names.singular', message: 'Required value' });
  else causes.push(...label('spec.names.singular', singular));
  const kind = text(names.kind);
  const listKind = text(names.listKind);
  if (!kind)
    causes.push({ reason: 'FieldValueRequired', field: 'spec.names.kind', message: 'Required value' });
  if (!listKind)
    causes.push({ reason: 'FieldValueRequired', field: 'spec.names.listKind', message: 'Required value' });
  if (kind && kind === listKind) {
    causes.push(
      invalidRendered(
        'spec.names.listKind',
        JSON.stringify(listKind),
        'kind and listKind cannot be the same',
      ),
    );
  }
  (Array.isArray(names.shortNames) ? names.shortNames : []).forEach((s, i) => {
    causes.push(...label(`spec.names.shortNames[${i}]`, text(s)));
  });
  return causes;
}

function validateVersions(spec: Obj): StatusCause[] {
  const versions = versionsOf(spec);
  const causes: StatusCause[] = [];
  const rendered =
    versions.length === 0
      ? '[]apiextensions.CustomResourceDefinitionVersion(nil)'
      : '[]apiextensions.CustomResourceDefinitionVersion{...}';
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const name = text(v.name);
    if (seen.has(name)) unique = false;
    seen.add(name);
    for (const msg of isDns1035Label(name)) {
      causes.push(invalidRendered(`spec.versions[${i}].name`, JSON.stringify(name), msg));
    }
    if (!isObj(v.schema) || !isObj(v.schema.openAPIV3Schema)) {
      causes.push({
        reason: 'FieldValueRequired',
        field: `spec.versions[${i}].schema.openAPIV3Schema`,
        message: 'Required value: schemas are required',
      });
    }
  });
  if (!unique) causes.push(invalidRendered('spec.versions', rendered, 'must contain unique version names'));
  if (versions.filter((v) => v.storage === true).length !== 1) {
    causes.push(
      invalidRendered('spec.versions', rendered, 'must have exactly one version marked as storage version'),
    );
  }
  return causes;
}

/** Validation of a CustomResourceDefinition (create and update). */
export function validateCrd(
  obj: KubeObject,
  old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const names = (isObj(spec.names) ? spec.names : {}) as Obj;
  const group = text(spec.group);
  const causes: StatusCause[] = [];
  const name = obj.metadata.name ?? '';
  if (name !== `${text(names.plural)}.${group}`) {
    causes.push(
      invalidRendered('metadata.name', JSON.stringify(name), 'must be spec.names.plural+"."+spec.group'),
    );
  }
  if (!group) {
    causes.push({ reason: 'FieldValueRequired', field: 'spec.group', message: 'Required value' });
  } else {
    causes.push(
      ...isDns1123Subdomain(group).map((msg) => invalidRendered('spec.group', JSON.stringify(group), msg)),
    );
    if (!group.includes('.'))
      causes.push(
        invalidRendered('spec.group', JSON.stringify(group), 'should be a domain with at least one dot'),
      );
  }
  const scope = spec.scope;
  if (scope === undefined || scope === '') {
    causes.push({ reason: 'FieldValueRequired', field: 'spec.scope', message: 'Required value' });
  } else if (scope !== 'Cluster' && scope !== 'Namespaced') {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.scope',
      message: `Unsupported value: "${String(scope)}": supported values: "Cluster", "Namespaced"`,
    });
  }
  causes.push(...validateNames(names));
  causes.push(...validateVersions(spec));
  if (old) {
    const oldSpec = (isObj(old.spec) ? old.spec : {}) as Obj;
    causes.push(...immutableField(spec.scope, oldSpec.scope, 'spec.scope'));
    causes.push(...immutableField(spec.group, oldSpec.group, 'spec.group'));
  }
  return causes;
}

function storageVersionOf(obj: KubeObject): string | undefined {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  return text(versionsOf(spec).find((v) => v.storage === true)?.name) || undefined;
}

function condition(type: string, reason: string, message: string, now: Date): Obj {
  return {
    type,
    status: 'True',
    lastTransitionTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    reason,
    message,
  };
}

/** Records the storage version in status.storedVersions and accepts the names in the spec. */
export function refreshCrdStatus(obj: KubeObject, now: Date): void {
  const status = child(obj as Obj, 'status');
  const stored = Array.isArray(status.storedVersions) ? status.storedVersions.map(String) : [];
  const storage = storageVersionOf(obj);
  if (storage && !stored.includes(storage)) stored.push(storage);
  status.storedVersions = stored;
  const names = (isObj(obj.spec) && isObj(obj.spec.names) ? obj.spec.names : {}) as Obj;
  status.acceptedNames = { ...names };
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isObj) : [];
  if (!conditions.some((c) => c.type === 'NamesAccepted')) {
    conditions.push(condition('NamesAccepted', 'NoConflicts', 'no conflicts found', now));
  }
  if (!conditions.some((c) => c.type === 'Established')) {
    conditions.push(
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted', now),
    );
  }
  status.conditions = conditions;
}

/** apiextensions.k8s.io/v1 customresourcedefinitions. */
export const customresourcedefinitions: ResourceDescriptor = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  schemaId: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
  prepareForCreate(obj, ctx) {
    obj.status = {};
    defaultCrd(obj);
    refreshCrdStatus(obj, ctx.now);
  },
  prepareForUpdate(obj, _old, ctx) {
    if (ctx.subresource === '') {
      defaultCrd(obj);
      refreshCrdStatus(obj, ctx.now);
    }
  },
  defaults: (obj) => defaultCrd(obj),
  validate: validateCrd,
  table: { columns: [nameColumn, createdAtColumn], cells: nameAndCreatedAt },
};
