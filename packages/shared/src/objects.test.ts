import { describe, expect, it } from 'vitest';
import { parseApiVersion, formatApiVersion, objectKey } from './objects';
import { errors } from './status';

describe('apiVersion', () => {
  it.each([
    ['v1', '', 'v1'],
    ['apps/v1', 'apps', 'v1'],
    ['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io', 'v1'],
  ])('%s splits into %s and %s and joins back', (apiVersion, group, version) => {
    expect(parseApiVersion(apiVersion)).toEqual({ group, version });
    expect(formatApiVersion(group, version)).toBe(apiVersion);
  });

  it('keys namespaced and cluster objects', () => {
    expect(objectKey({ metadata: { namespace: 'a', name: 'b' } })).toBe('a/b');
    expect(objectKey({ metadata: { name: 'n' } })).toBe('n');
  });
});

describe('Status errors', () => {
  it('names the resource with its group as kubectl prints it', () => {
    expect(errors.notFound('deployments', 'apps', 'web').message).toBe('deployments.apps "web" not found');
    expect(errors.notFound('pods', '', 'p').toStatus()).toMatchObject({ code: 404, reason: 'NotFound' });
  });
  it('renders a single Invalid cause without brackets', () => {
    const err = errors.invalid('Deployment', 'apps', 'bad', [
      { field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
    ]);
    expect(err.message).toBe(
      'Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(err.code).toBe(422);
  });
});
