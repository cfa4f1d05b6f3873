/**
 * The kubectl commands whose protobuf request bodies capture.ts records (one fixture per case).
 */

/** One kubectl invocation; `@BIN`, `@CRT`, `@KEY` are replaced by temporary files. */
export interface Case {
  name: string;
  args: string[];
  /** Whether `--dry-run=client -o json` works for this command (token and auth can-i have none). */
  dryRun: boolean;
  /** false: compare only, write no fixture. */
  commit?: boolean;
}

export const CASES: Case[] = [
  { name: 'namespace', args: ['create', 'namespace', 'team-a'], dryRun: true },
  {
    name: 'configmap',
    args: [
      'create',
      'configmap',
      'cfg',
      '--from-literal=a=b',
      '--from-literal=empty=',
      '--from-file=bin=@BIN',
    ],
    dryRun: true,
  },
  {
    name: 'secret-generic',
    args: ['create', 'secret', 'generic', 's1', '--from-literal=user=admin', '--type=Opaque'],
    dryRun: true,
  },
  {
    name: 'secret-docker-registry',
    args: [
      'create',
      'secret',
      'docker-registry',
      'reg',
      '--docker-server=r.example.com',
      '--docker-username=u',
      '--docker-password=p',
    ],
    dryRun: true,
  },
  {
    // Verified during capture but not committed: the body holds a (throw-away) PEM private key, which
    // secret scanners would flag.
    name: 'secret-tls',
    args: ['create', 'secret', 'tls', 'tls1', '--cert=@CRT', '--key=@KEY'],
    dryRun: true,
    commit: false,
  },
  {
    name: 'deployment',
    args: [
      'create',
      'deployment',
      'web',
      '--image=nginx:1.27',
      '--image=busybox',
      '--replicas=0',
      '--port=80',
    ],
    dryRun: true,
  },
  {
    name: 'deployment-command',
    args: ['create', 'deployment', 'cmd', '--image=busybox', '--', 'sh', '-c', 'sleep 3600'],
    dryRun: true,
  },
  {
    name: 'service-clusterip',
    args: ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080', '--tcp=443:https'],
    dryRun: true,
  },
  {
    name: 'service-headless',
    args: ['create', 'service', 'clusterip', 'hl', '--clusterip=None'],
    dryRun: true,
  },
  {
    name: 'service-nodeport',
    args: ['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080'],
    dryRun: true,
  },
  {
    name: 'service-loadbalancer',
    args: ['create', 'service', 'loadbalancer', 'lb', '--tcp=80'],
    dryRun: true,
  },
  {
    name: 'service-externalname',
    args: ['create', 'service', 'externalname', 'ext', '--external-name=example.com'],
    dryRun: true,
  },
  {
    name: 'job',
    args: ['create', 'job', 'pi', '--image=perl:5.34', '--', 'perl', '-Mbignum=bpi', '-wle', 'print bpi(20)'],
    dryRun: true,
  },
  {
    name: 'cronjob',
    args: [
      'create',
      'cronjob',
      'tick',
      '--image=busybox',
      '--schedule=*/5 * * * *',
      '--restart=OnFailure',
      '--',
      'date',
    ],
    dryRun: true,
  },
  {
    // Reads the CronJob first (served by the fake below) and sets an ownerReference to it.
    name: 'job-from-cronjob',
    args: ['create', 'job', 'tick-manual', '--from=cronjob/tick'],
    dryRun: true,
  },
  { name: 'serviceaccount', args: ['create', 'serviceaccount', 'robot'], dryRun: true },
  {
    name: 'role',
    args: [
      'create',
      'role',
      'reader',
      '--verb=get,list,watch',
      '--resource=pods,deployments.apps,pods/log',
      '--resource-name=a',
    ],
    dryRun: true,
  },
  {
    name: 'rolebinding',
    args: [
      'create',
      'rolebinding',
      'rb',
      '--role=reader',
      '--user=alice',
      '--group=devs',
      '--serviceaccount=default:robot',
    ],
    dryRun: true,
  },
  {
    name: 'clusterrole',
    args: ['create', 'clusterrole', 'cr', '--verb=get', '--non-resource-url=/logs/*', '--resource=nodes'],
    dryRun: true,
  },
  {
    name: 'clusterrole-aggregation',
    args: [
      'create',
      'clusterrole',
      'agg',
      '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true',
    ],
    dryRun: true,
  },
  {
    name: 'clusterrolebinding',
    args: ['create', 'clusterrolebinding', 'crb', '--clusterrole=cr', '--user=bob'],
    dryRun: true,
  },
  {
    name: 'quota',
    args: [
      'create',
      'quota',
      'q',
      '--hard=cpu=1,memory=1Gi,pods=10,requests.storage=500m',
      '--scopes=BestEffort',
    ],
    dryRun: true,
  },
  {
    name: 'ingress',
    args: [
      'create',
      'ingress',
      'ing',
      '--class=nginx',
      '--rule=foo.com/bar*=svc1:8080,tls=my-cert',
      '--rule=/path=svc2:http',
      '--default-backend=svc3:80',
      '--annotation=a.example.com/x=y',
    ],
    dryRun: true,
  },
  {
    name: 'pdb-min-available',
    args: ['create', 'pdb', 'pdb1', '--selector=app=web', '--min-available=50%'],
    dryRun: true,
  },
  {
    name: 'pdb-max-unavailable',
    args: ['create', 'pdb', 'pdb2', '--selector=app=web', '--max-unavailable=0'],
    dryRun: true,
  },
  {
    name: 'priorityclass',
    args: [
      'create',
      'priorityclass',
      'high',
      '--value=1000',
      '--description=important',
      '--preemption-policy=Never',
    ],
    dryRun: true,
  },
  {
    name: 'priorityclass-default',
    args: ['create', 'priorityclass', 'zero', '--value=0', '--global-default=true'],
    dryRun: true,
  },
  {
    name: 'token',
    args: [
      'create',
      'token',
      'robot',
      '--duration=10m',
      '--audience=api',
      '--bound-object-kind=Pod',
      '--bound-object-name=p1',
      '--bound-object-uid=0c5f3c9e-1111-4222-8333-944455556666',
    ],
    dryRun: false,
  },
  { name: 'auth-can-i', args: ['auth', 'can-i', 'get', 'pods'], dryRun: false },
  {
    name: 'auth-can-i-subresource',
    args: ['auth', 'can-i', 'create', 'deployments.apps/scale', '-n', 'prod'],
    dryRun: false,
  },
  { name: 'auth-can-i-list', args: ['auth', 'can-i', '--list', '-n', 'dev'], dryRun: false },
  { name: 'auth-whoami', args: ['auth', 'whoami'], dryRun: false },
];
