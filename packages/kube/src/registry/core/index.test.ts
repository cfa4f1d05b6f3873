import { describe, expect, it } from 'vitest';
import { coreDescriptors } from './index';

const byPlural = new Map(coreDescriptors.map((d) => [d.plural, d]));

describe('core descriptors', () => {
  it('are all core/v1, with unique plurals and kinds', () => {
    expect(coreDescriptors.every((d) => d.group === '' && d.version === 'v1')).toBe(true);
    expect(new Set(coreDescriptors.map((d) => d.plural)).size).toBe(coreDescriptors.length);
    expect(new Set(coreDescriptors.map((d) => d.kind)).size).toBe(coreDescriptors.length);
  });

  it.each([
    ['pods', ['po']],
    ['services', ['svc']],
    ['namespaces', ['ns']],
    ['nodes', ['no']],
    ['configmaps', ['cm']],
    ['events', ['ev']],
    ['persistentvolumeclaims', ['pvc']],
    ['persistentvolumes', ['pv']],
    ['serviceaccounts', ['sa']],
    ['replicationcontrollers', ['rc']],
    ['endpoints', ['ep']],
    ['limitranges', ['limits']],
    ['resourcequotas', ['quota']],
    ['secrets', undefined],
  ])('%s has short names %j', (plural, shortNames) => {
    expect(byPlural.get(plural)?.shortNames).toEqual(shortNames);
  });

  it('puts exactly pods, services and replicationcontrollers in the `all` category', () => {
    const all = coreDescriptors.filter((d) => d.categories?.includes('all')).map((d) => d.plural);
    expect(all.sort()).toEqual(['pods', 'replicationcontrollers', 'services']);
  });

  it('scopes nodes, namespaces and persistent volumes to the cluster', () => {
    const cluster = coreDescriptors.filter((d) => !d.namespaced).map((d) => d.plural);
    expect(cluster.sort()).toEqual(['namespaces', 'nodes', 'persistentvolumes']);
  });

  it('gives every descriptor a table whose first column is Name (events: Last Seen) and a schema id', () => {
    for (const d of coreDescriptors) {
      expect(d.table, d.plural).toBeDefined();
      expect(d.schemaId).toBe(`io.k8s.api.core.v1.${d.kind}`);
      expect(d.table?.columns[0].name).toBe(d.plural === 'events' ? 'Last Seen' : 'Name');
    }
  });
});
