import { describe, expect, it } from 'vitest';
import { coveredByAll } from './builtin';

const template = { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: ['create', 'delete'] };
const wildcardVerbs = { ...template, verbs: ['*'] };

describe('coveredByAll', () => {
  it.each([
    ['one rule that grants it all', template, [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], true],
    [
      'rules split by API group',
      template,
      [
        { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'get'] },
        { apiGroups: ['apps'], resources: ['*'], verbs: ['create', 'delete'] },
      ],
      true,
    ],
    ['a resource missing', template, [{ apiGroups: ['', 'apps'], resources: ['pods'], verbs: ['*'] }], false],
    ['a verb missing', template, [{ apiGroups: ['*'], resources: ['*'], verbs: ['create'] }], false],
    [
      'rules limited to names',
      template,
      [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: ['x'] }],
      false,
    ],
    [
      'wildcard verbs granted per group, as the project operator role does',
      wildcardVerbs,
      [
        { apiGroups: [''], resources: ['pods', 'services'], verbs: ['*'] },
        { apiGroups: ['apps', 'batch'], resources: ['*'], verbs: ['*'] },
      ],
      true,
    ],
    [
      'wildcard verbs need wildcard grants',
      wildcardVerbs,
      [{ apiGroups: ['', 'apps'], resources: ['*'], verbs: ['create', 'delete'] }],
      false,
    ],
  ])('%s', (_name, wanted, rules, expected) => {
    expect(coveredByAll(rules, wanted)).toBe(expected);
  });
});
