import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { registryData, registryOf, validateRegistryForm, verifyBody } from './registry';

const form = { server: 'harbor.example.com:8443', username: 'dev', password: 'pw', email: 'dev@example.com' };

describe('registry model', () => {
  it('encodes a dockerconfigjson and reads the registry back', () => {
    const data = registryData(form);
    const decoded = JSON.parse(atob(data['.dockerconfigjson'])) as {
      auths: Record<string, { auth: string }>;
    };
    expect(Object.keys(decoded.auths)).toEqual(['harbor.example.com:8443']);
    expect(atob(decoded.auths['harbor.example.com:8443'].auth)).toBe('dev:pw');
    const secret: KubeObject = { metadata: { name: 'r' }, data } as KubeObject;
    expect(registryOf(secret)).toEqual({
      server: 'harbor.example.com:8443',
      username: 'dev',
      email: 'dev@example.com',
    });
  });
  it('reads garbage as empty', () => {
    expect(registryOf({ metadata: {}, data: { '.dockerconfigjson': 'bm9wZQ==' } } as KubeObject).server).toBe(
      '',
    );
  });
  it.each([
    [form, {}],
    [{ ...form, server: '' }, { server: 'REGISTRY_ADDRESS_REQUIRED' }],
    [{ ...form, server: 'not a host' }, { server: 'REGISTRY_ADDRESS_INVALID' }],
    [{ ...form, server: 'https://registry-1.docker.io/' }, {}],
    [
      { ...form, username: '', password: '' },
      { username: 'USERNAME_REQUIRED', password: 'PASSWORD_REQUIRED' },
    ],
  ])('validates %j', (f, want) => {
    expect(validateRegistryForm(f)).toEqual(want);
  });
  it('builds the verify body in KubeSphere shape', () => {
    expect(verifyBody({ ...form, server: ' h:5000 ' })).toEqual({
      serverhost: 'h:5000',
      username: 'dev',
      password: 'pw',
    });
  });
});
