/**
 * @module pipeline/write
 * The steps every write shares: field validation against the schema, defaulting, admission, validation
 * and managedFields tracking. Create, update, patch and the subresources call them in that order.
 */
import { errors, type KubeObject, type StatusCause } from '@sphere/shared';
import type { ResourceDescriptor, UserInfo } from '../registry/types';
import { validateObjectMeta } from '../registry/validation';
import { strategyContext, type AdmissionOperation, type PipelineDeps } from './deps';
import type { WriteOptions } from './types';
import { managerFromUserAgent } from './util';

/**
 * Rejects (Strict), reports (Warn) or ignores unknown fields. Returns warnings for Warning headers.
 * Custom resources are pruned instead, after this check.
 */
export function checkUnknownFields(
  deps: PipelineDeps,
  d: ResourceDescriptor,
  obj: KubeObject,
  mode: WriteOptions['fieldValidation'],
): string[] {
  const schema = deps.schema.schemaFor(d);
  if (!schema) return [];
  if (!d.custom) {
    // The apiserver's decoder rejects wrongly typed fields of built-in kinds before anything else.
    const typeErrors = deps.schema.typeErrors(obj, schema);
    if (typeErrors.length > 0) {
      throw errors.badRequest(
        `${d.kind} in version "${d.version}" cannot be handled as a ${d.kind}: ${typeErrors.map((c) => c.message).join(', ')}`,
      );
    }
  }
  if (mode === 'Ignore') return [];
  const unknown = deps.schema.unknownFields(obj, schema);
  if (unknown.length === 0) return [];
  const messages = unknown.map((path) => `unknown field "${path}"`);
  if (mode === 'Strict') {
    throw errors.badRequest(
      `${d.kind} in version "${d.version}" cannot be handled as a ${d.kind}: strict decoding error: ${messages.join(', ')}`,
    );
  }
  return messages;
}

export interface FinishArgs {
  deps: PipelineDeps;
  descriptor: ResourceDescriptor;
  operation: AdmissionOperation;
  subresource: string;
  obj: KubeObject;
  old?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
  now: Date;
}

/** Defaulting, admission and validation; throws 422 Invalid with every cause found. */
export async function defaultAdmitValidate(args: FinishArgs): Promise<void> {
  const { deps, descriptor: d, obj, old, now } = args;
  const ctx = strategyContext(now, args.operation === 'delete' ? 'delete' : args.operation, args.subresource);
  d.defaults?.(obj, ctx);
  for (const plugin of deps.admission ?? []) {
    await plugin.admit({
      operation: args.operation,
      descriptor: d,
      subresource: args.subresource,
      object: obj,
      old,
      user: args.user,
      dryRun: args.dryRun,
    });
  }
  const causes: StatusCause[] = [
    ...validateObjectMeta(obj, { namespaced: d.namespaced, nameFormat: d.nameFormat ?? 'subdomain' }),
  ];
  if (old) causes.push(...immutableMetaCauses(obj, old));
  causes.push(...(d.validate?.(obj, old, ctx) ?? []));
  if (d.custom) {
    const schema = deps.schema.schemaFor(d);
    if (schema) causes.push(...deps.schema.validateCustom(obj, schema));
  }
  if (causes.length > 0) {
    throw errors.invalid(d.kind, d.group, obj.metadata.name ?? obj.metadata.generateName ?? '', causes);
  }
}

function immutableMetaCauses(obj: KubeObject, old: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const added = (obj.metadata.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
  if (old.metadata.deletionTimestamp && added.length > 0) {
    causes.push({
      reason: 'FieldValueForbidden',
      field: 'metadata.finalizers',
      message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added
        .map((f) => `"${f}"`)
        .join(', ')}}`,
    });
  }
  return causes;
}

/** The field manager of a write: explicit, or derived from the User-Agent as kube-apiserver does. */
export function fieldManagerOf(options: WriteOptions | undefined, userAgent: string | undefined): string {
  const manager = options?.fieldManager;
  if (manager !== undefined) {
    if (manager.length > 128) throw errors.badRequest('fieldManager: Too long: must have at most 128 bytes');
    return manager;
  }
  return managerFromUserAgent(userAgent);
}

/** Records managedFields for a non-apply write (no-op when the patch engine declines). */
export function trackManagedFields(
  deps: PipelineDeps,
  d: ResourceDescriptor,
  old: KubeObject | undefined,
  updated: KubeObject,
  manager: string,
  subresource: string,
  now: Date,
): void {
  const managed = deps.patch.trackUpdate({
    old,
    updated,
    manager,
    subresource: subresource || undefined,
    now,
    apiVersion: updated.apiVersion ?? '',
    schema: deps.schema.schemaFor(d),
  });
  if (managed) {
    if (managed.length > 0) updated.metadata.managedFields = managed;
    else delete updated.metadata.managedFields;
  }
}
