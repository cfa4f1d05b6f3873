import { describe, expect, it } from 'vitest';
import { parseResourcePath } from './paths';

describe('parseResourcePath', () => {
  it.each([
    ['/api/v1/pods', { group: '', version: 'v1', resource: 'pods' }],
    ['/api/v1/namespaces', { group: '', version: 'v1', resource: 'namespaces' }],
    ['/api/v1/namespaces/default', { group: '', version: 'v1', resource: 'namespaces', name: 'default' }],
    [
      '/api/v1/namespaces/x/finalize',
      { group: '', version: 'v1', resource: 'namespaces', name: 'x', subresource: 'finalize' },
    ],
    ['/api/v1/namespaces/x/pods', { group: '', version: 'v1', resource: 'pods', namespace: 'x' }],
    [
      '/api/v1/namespaces/x/pods/p/log',
      { group: '', version: 'v1', resource: 'pods', namespace: 'x', name: 'p', subresource: 'log' },
    ],
    ['/apis/apps/v1/deployments', { group: 'apps', version: 'v1', resource: 'deployments' }],
    [
      '/apis/apps/v1/namespaces/d/deployments/web/scale',
      {
        group: 'apps',
        version: 'v1',
        resource: 'deployments',
        namespace: 'd',
        name: 'web',
        subresource: 'scale',
      },
    ],
    [
      '/apis/storage.k8s.io/v1/storageclasses/fast',
      { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', name: 'fast' },
    ],
  ])('%s', (path, expected) => {
    const parsed = parseResourcePath(path);
    expect(parsed?.target).toEqual(
      Object.fromEntries(
        Object.entries({ namespace: undefined, name: undefined, subresource: undefined, ...expected }),
      ),
    );
  });

  it('recognizes legacy watch paths and rejects non-resource paths', () => {
    expect(parseResourcePath('/api/v1/watch/namespaces/a/pods')?.legacyWatch).toBe(true);
    expect(parseResourcePath('/api/v1')).toBeUndefined();
    expect(parseResourcePath('/apis/apps')).toBeUndefined();
    expect(parseResourcePath('/api/v1/namespaces/a/pods/p/log/extra')).toBeUndefined();
  });
});
