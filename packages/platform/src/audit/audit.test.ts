import { describe, expect, it } from 'vitest';
import { AuditLog, type AuditEvent } from './audit';

const ev = (i: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  time: `2026-01-01T00:00:0${i}Z`,
  user: 'u',
  verb: 'create',
  method: 'POST',
  path: '/x',
  apiGroup: '',
  resource: 'pods',
  subresource: '',
  namespace: 'n',
  workspace: '',
  name: `p${i}`,
  code: 201,
  outcome: 'success',
  sourceIP: '',
  userAgent: '',
  ...over,
});

describe('AuditLog', () => {
  it('keeps the newest events within capacity, newest first', async () => {
    const log = new AuditLog(3);
    for (let i = 0; i < 5; i++) log.record(ev(i));
    expect((await log.query({})).items.map((e) => e.name)).toEqual(['p4', 'p3', 'p2']);
  });

  it.each([
    [{ user: 'v' }, ['p2']],
    [{ outcome: 'denied' }, ['p1']],
    [{ since: '2026-01-01T00:00:01Z' }, ['p2', 'p1']],
    [{ limit: 1, page: 2 }, ['p1']],
    [{ code: '403' }, ['p1']],
    [{ code: '4xx' }, ['p1']],
    [{ code: '2xx' }, ['p2', 'p0']],
    [{ name: '2' }, ['p2']],
  ])('filters %j', async (q, names) => {
    const log = new AuditLog();
    log.record(ev(0));
    log.record(ev(1, { outcome: 'denied', code: 403 }));
    log.record(ev(2, { user: 'v' }));
    expect((await log.query(q)).items.map((e) => e.name)).toEqual(names);
  });
});
