import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** One local HTTP server standing in for the webhook receiver, the SMS gateway and WeChat. */
export class FakeChannels {
  readonly received: Received[] = [];
  /** Status codes the webhook answers with, one per call; 200 once they run out. */
  webhookStatuses: number[] = [];
  tokenFetches = 0;
  /** Tokens WeChat no longer accepts (answers errcode 40001). */
  readonly revokedTokens = new Set<string>();
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ path: url.pathname, headers: req.headers, body });
        const json = (status: number, payload: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        if (url.pathname === '/webhook') return json(this.webhookStatuses.shift() ?? 200, { ok: true });
        if (url.pathname === '/sms') return json(200, { ok: true });
        if (url.pathname === '/wechat/cgi-bin/token') {
          this.tokenFetches += 1;
          const valid = url.searchParams.get('appid') === 'wx-app' && url.searchParams.get('secret') === 'wx-secret';
          return json(200, valid ? { access_token: `TOKEN-${this.tokenFetches}`, expires_in: 7200 } : { errcode: 40125 });
        }
        if (url.pathname === '/wechat/cgi-bin/message/template/send') {
          const token = url.searchParams.get('access_token') ?? '';
          return json(200, this.revokedTokens.has(token) ? { errcode: 40001, errmsg: 'invalid credential' } : { errcode: 0 });
        }
        json(404, {});
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
