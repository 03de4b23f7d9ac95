import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MultipartFileRejected, readMultipartFile } from './multipart-file';

/** A server that answers each request with what `readMultipartFile` made of it. */
function uploadServer(fileSize: number): Promise<Server> {
  const server = createServer((request, response) => {
    readMultipartFile(request, 'file', { fileSize, fields: 2 }).then(
      (file) =>
        response.end(
          JSON.stringify(file ? { name: file.originalname, type: file.mimetype, text: file.buffer.toString() } : null),
        ),
      (err: unknown) =>
        response.end(JSON.stringify({ refused: err instanceof MultipartFileRejected ? err.reason : String(err) })),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('readMultipartFile', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = await uploadServer(16);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = async (body: BodyInit, headers?: Record<string, string>) =>
    (await fetch(url, { method: 'POST', body, headers })).json();
  const form = (...parts: [string, string | Blob, string?][]) => {
    const data = new FormData();
    for (const [name, value, filename] of parts) {
      if (typeof value === 'string') data.append(name, value);
      else data.append(name, value, filename);
    }
    return data;
  };

  it('reads the one file of the field, with its UTF-8 name and type', async () => {
    const body = form(['note', 'x'], ['file', new Blob(['张三,1980'], { type: 'text/csv' }), '客户名单.csv']);
    expect(await send(body)).toEqual({ name: '客户名单.csv', type: 'text/csv', text: '张三,1980' });
  });

  it('gives nothing for a form without a file, or a request that is no form', async () => {
    expect(await send(form(['note', 'x']))).toBeNull();
    expect(await send(JSON.stringify({}), { 'content-type': 'application/json' })).toBeNull();
  });

  it('refuses a file over the limit as too large', async () => {
    const body = form(['file', new Blob(['x'.repeat(200_000)]), 'big.bin']);
    expect(await send(body)).toEqual({ refused: 'too-large' });
  });

  it('refuses a second file, a file in another field, too many fields and a broken form', async () => {
    const blob = () => new Blob(['a']);
    expect(await send(form(['file', blob(), 'a.txt'], ['file', blob(), 'b.txt']))).toEqual({ refused: 'invalid' });
    expect(await send(form(['other', blob(), 'a.txt']))).toEqual({ refused: 'invalid' });
    expect(await send(form(['a', '1'], ['b', '2'], ['c', '3'], ['file', blob(), 'a.txt']))).toEqual({ refused: 'invalid' });
    const broken = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc';
    expect(await send(broken, { 'content-type': 'multipart/form-data; boundary=b' })).toEqual({ refused: 'invalid' });
    expect(await send('x', { 'content-type': 'multipart/form-data' })).toEqual({ refused: 'invalid' });
  });
});
