/**
 * @module e2e/support/http
 * Plain HTTP requests the way an outside client reaches the simulated data plane: a chosen `Host`
 * header (which `fetch` does not let a caller set) against a loopback port.
 */
import http from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** `GET http://127.0.0.1:<port><path>` with `Host: <host>`. */
export function getWithHost(port: number, host: string, path = '/'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { host }, timeout: 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
  });
}
