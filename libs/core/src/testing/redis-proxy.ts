import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

export interface RedisProxy {
  /** `redis://127.0.0.1:<port>`: give it to the code under test as REDIS_URL. */
  url: string;
  /** Redis "goes down": every connection drops and new ones are refused. */
  cut(): Promise<void>;
  /** Redis "comes back" on the same address. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy to the test Redis that a test can cut and restore, to simulate an outage. */
export async function startRedisProxy(target = { host: '127.0.0.1', port: 6379 }): Promise<RedisProxy> {
  const sockets = new Set<Socket>();
  const serve = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer((client) => {
        const upstream = createConnection(target);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  let server: Server | undefined = await serve(0);
  const port = (server.address() as AddressInfo).port;
  const cut = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    cut,
    async restore() {
      server ??= await serve(port);
    },
    close: cut,
  };
}
