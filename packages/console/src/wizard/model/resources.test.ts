import { describe, expect, it } from 'vitest';
import * as m from './resources';

describe('resource wizard models', () => {
  it('PVC template and settings (10Gi RWO default)', () => {
    const o = m.resourceTemplate('PersistentVolumeClaim', 'demo');
    expect(m.readPvc(o)).toEqual({ storageClassName: '', accessMode: 'ReadWriteOnce', storage: '10Gi' });
    const [out] = m.applyPvc([o], o, {
      storageClassName: 'local',
      accessMode: 'ReadWriteMany',
      storage: '5Gi',
    });
    expect(out.spec).toEqual({
      storageClassName: 'local',
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '5Gi' } },
    });
  });
  it('secret data is base64 of UTF-8 and reads back', () => {
    const o = m.resourceTemplate('Secret', 'demo');
    const [out] = m.applySecretData([o], o, 'Opaque', { password: 'pä55', 'user.name': 'root' });
    expect((out as unknown as { data: Record<string, string> }).data).toEqual({
      password: 'cMOkNTU=',
      'user.name': 'cm9vdA==',
    });
    expect(m.readSecretData(out)).toEqual({ password: 'pä55', 'user.name': 'root' });
  });
  it('dockerconfigjson', () => {
    expect(JSON.parse(m.dockerConfigJson('reg.io', 'u', 'p'))).toEqual({
      auths: { 'reg.io': { username: 'u', password: 'p', email: '', auth: 'dTpw' } },
    });
  });
  it('service settings: headless, selector, ports with default names', () => {
    const o = m.resourceTemplate('Service', 'demo');
    const [out] = m.applyServiceSettings([o], o, {
      headless: true,
      type: 'NodePort',
      selector: { app: 'x' },
      ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: 8080 }],
      sessionAffinity: 'ClientIP',
    });
    expect(out.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      selector: { app: 'x' },
      ports: [{ name: 'tcp-80', protocol: 'TCP', port: 80, targetPort: 8080 }],
      sessionAffinity: 'ClientIP',
    });
    expect(m.readServiceSettings(out).headless).toBe(true);
  });
  it('route rules group by host and round-trip', () => {
    const o = m.resourceTemplate('Ingress', 'demo');
    const rules = [
      { host: 'a.io', path: '/', service: 's1', port: 80 },
      { host: 'a.io', path: '/api', service: 's2', port: 8080 },
      { host: '', path: '/', service: 's3', port: 80 },
    ];
    const [out] = m.applyRouteRules([o], o, rules);
    expect((out.spec as { rules: unknown[] }).rules).toHaveLength(2);
    expect(m.readRouteRules(out)).toEqual(rules);
  });
  it('basic info writes alias/description annotations and clears them', () => {
    const o = m.resourceTemplate('ConfigMap', 'demo');
    const [named] = m.applyObjectBasic([o], o, { name: 'cfg', alias: 'Config', description: '' });
    expect(named.metadata).toEqual({
      namespace: 'demo',
      labels: {},
      name: 'cfg',
      annotations: { 'kubesphere.io/alias-name': 'Config' },
    });
    const [cleared] = m.applyObjectBasic([named], named, { name: 'cfg', alias: '', description: '' });
    expect(cleared.metadata.annotations).toBeUndefined();
  });
});
