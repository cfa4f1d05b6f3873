/**
 * @module dataplane/ingress-controllers
 * Pods that "are" ingress controllers: a container whose image names the NGINX ingress controller
 * (`nginx-ingress-controller`, as KubeSphere's `kubesphere/nginx-ingress-controller`, or
 * `ingress-nginx/controller`). Traffic a Service sends to such a pod is routed through the Ingresses it
 * watches: those of `--watch-namespace=<ns>` when the flag is given, otherwise all of them.
 */
import type { Container, Ingress, Pod } from './model';

const CONTROLLER_IMAGES = [/nginx-ingress-controller/, /ingress-nginx\/controller/];

/** The ingress controller container of a pod, if it runs one. */
export function ingressControllerContainer(pod: Pod): Container | undefined {
  return (pod.spec?.containers ?? []).find((c) => CONTROLLER_IMAGES.some((re) => re.test(c.image ?? '')));
}

/** The namespace an ingress controller container is restricted to (`--watch-namespace`), or undefined for all. */
export function watchNamespace(container: Container): string | undefined {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--watch-namespace=')) return a.slice('--watch-namespace='.length) || undefined;
    if (a === '--watch-namespace' && argv[i + 1] && !argv[i + 1].startsWith('-')) return argv[i + 1];
  }
  return undefined;
}

/** The Ingresses an ingress controller pod serves, or undefined when the pod is no ingress controller. */
export function ingressesServedBy(pod: Pod, all: Ingress[]): Ingress[] | undefined {
  const c = ingressControllerContainer(pod);
  if (!c) return undefined;
  const ns = watchNamespace(c);
  return ns === undefined ? all : all.filter((i) => i.metadata.namespace === ns);
}
