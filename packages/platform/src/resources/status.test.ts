import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { statusOf } from './status';

const node = (ready: string, unschedulable?: boolean): KubeObject =>
  ({
    kind: 'Node',
    metadata: { name: 'n' },
    spec: { unschedulable },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  }) as KubeObject;

describe('statusOf nodes', () => {
  it.each([
    [node('True'), 'running'],
    [node('True', true), 'unschedulable'],
    [node('Unknown'), 'warning'],
    [node('False', true), 'warning'],
  ])('%#', (n, s) => expect(statusOf(n)).toBe(s));
});
