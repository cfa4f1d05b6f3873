/**
 * @module cluster/kubeconfig
 * The kubeconfig `sphere kube` writes for kubectl and the platform.
 */
import { stringify } from 'yaml';

export function kubeconfigYaml(args: {
  server: string;
  caCert: string;
  token: string;
  name?: string;
}): string {
  const name = args.name ?? 'sphere';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: args.server,
          'certificate-authority-data': Buffer.from(args.caCert).toString('base64'),
        },
      },
    ],
    users: [{ name: `${name}-admin`, user: { token: args.token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
