// The wire under the REST gateway: one HTTP(S) request with a hard timeout, over node:https so the
// trusted certificate authorities can be set (a TLS-inspecting proxy, or the test server's own CA).
// Both the Partner Center calls and MSAL's token requests go through it.
import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange (connect, send, receive) must finish within this; then the request is aborted. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** The request did not complete: `timeout` (no answer in time) or `network` (refused, reset, DNS). */
export class TransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** Largest response accepted (a catalog page or the reservations price sheet of one market). */
const maxResponseBytes = 64 * 1024 * 1024;

export function nodeTransport(options: { ca?: string | Buffer } = {}): Transport {
  const agent = new https.Agent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) });
  const plainAgent = new http.Agent({ keepAlive: true });
  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const url = new URL(request.url);
      const isHttps = url.protocol === 'https:';
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      const req = (isHttps ? https : http).request(
        url,
        {
          method: request.method,
          agent: isHttps ? agent : plainAgent,
          headers: { ...request.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxResponseBytes) {
              req.destroy(new TransportError('network', `response larger than ${maxResponseBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            clearTimeout(timer);
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) {
              if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
            }
            resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', (error) => fail(error));
        },
      );
      const fail = (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof TransportError ? error : new TransportError('network', error instanceof Error ? error.message : String(error)));
      };
      const timer = setTimeout(() => {
        req.destroy(new TransportError('timeout', `no answer within ${request.timeoutMs} ms`));
      }, request.timeoutMs);
      req.on('error', fail);
      if (body) req.write(body);
      req.end();
    });
}
