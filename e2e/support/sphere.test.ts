import { describe, expect, it } from 'vitest';
import { parseBanner } from './sphere';

describe('parseBanner', () => {
  it.each([
    ['nothing yet', 'embedded cluster listening on https://127.0.0.1:33305\n', null],
    ['console line only', 'Sphere console:  http://127.0.0.1:41005\n', null],
    [
      'the full banner',
      [
        '[platform] platform listening on http://127.0.0.1:41005',
        '',
        'Sphere console:  http://127.0.0.1:41005',
        'Log in as:       admin / P@88w0rd (you will be asked to change it)',
        'kubectl:         kubectl --kubeconfig /tmp/d/kubeconfig get nodes',
      ].join('\n'),
      { url: 'http://127.0.0.1:41005', kubeconfig: '/tmp/d/kubeconfig' },
    ],
    [
      'a trailing slash is dropped',
      'Sphere console:  http://127.0.0.1:8080/\nkubectl:  kubectl --kubeconfig /k get nodes\n',
      { url: 'http://127.0.0.1:8080', kubeconfig: '/k' },
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseBanner(text)).toEqual(expected);
  });
});
