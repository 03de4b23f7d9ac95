import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { sha256Hex, signRequest } from './aws-sigv4';
import { ObjectKeyring } from './chunked-encryption';
import { EncryptedObjectStorage } from './encrypted-object-storage';
import { ObjectIntegrityError, ObjectNotFoundError } from './object-storage';
import { S3BlobStore, S3RequestError } from './s3-blob-store';

const CREDENTIALS = { accessKeyId: 'TESTKEY', secretAccessKey: 'test-secret-access-key' };

/**
 * A tiny S3: PUT, GET (with a single Range), DELETE on path-style keys. It checks every request's
 * signature the way S3 does, recomputing it from the request as received on the wire.
 */
class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly requests: { method: string; path: string; range?: string }[] = [];
  private server!: Server;
  endpoint = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pieces: Buffer[] = [];
    for await (const piece of req) pieces.push(piece as Buffer);
    const body = Buffer.concat(pieces);
    const path = req.url ?? '/';
    this.requests.push({ method: req.method!, path, range: req.headers.range });

    const auth = req.headers.authorization ?? '';
    const signedNames = /SignedHeaders=([^,]+)/.exec(auth)?.[1].split(';') ?? [];
    const headers = Object.fromEntries(
      signedNames.filter((n) => !n.startsWith('x-amz-')).map((n) => [n, String(req.headers[n])]),
    );
    const date = String(req.headers['x-amz-date']).replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
      '$1-$2-$3T$4:$5:$6Z',
    );
    const payloadHash = String(req.headers['x-amz-content-sha256']);
    const expected = signRequest({ method: req.method!, path, headers, payloadHash }, CREDENTIALS, {
      region: 'cn-north-1',
      service: 's3',
      date: new Date(date),
    }).authorization;
    if (auth !== expected || !signedNames.includes('host') || (body.length > 0 && sha256Hex(body) !== payloadHash)) {
      res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
      return;
    }

    const stored = this.objects.get(path);
    if (req.method === 'PUT') {
      this.objects.set(path, body);
      res.writeHead(200).end();
    } else if (req.method === 'DELETE') {
      this.objects.delete(path);
      res.writeHead(204).end();
    } else if (!stored) {
      res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
    } else if (req.headers.range) {
      const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range)!.map(Number);
      const end = Math.min(to, stored.length - 1);
      res.writeHead(206, { 'content-range': `bytes ${from}-${end}/${stored.length}` }).end(stored.subarray(from, end + 1));
    } else {
      res.writeHead(200).end(stored);
    }
  }
}

async function bytesOf(body: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of body) pieces.push(piece as Buffer);
  return Buffer.concat(pieces);
}

describe('S3BlobStore against a local fake S3', () => {
  const s3 = new FakeS3();
  let storage: EncryptedObjectStorage;
  const location = () => ({ endpoint: s3.endpoint, bucket: 'recordings-bucket', region: 'cn-north-1', credentials: CREDENTIALS });

  beforeAll(() => s3.start());
  afterAll(() => s3.stop());
  beforeEach(() => {
    s3.objects.clear();
    s3.requests.length = 0;
    storage = new EncryptedObjectStorage(new S3BlobStore(location()), new ObjectKeyring(randomBytes(32)), 1024);
  });

  it('puts encrypted bytes path-style and gets them back whole and by range', async () => {
    const content = randomBytes(5000);
    const stored = await storage.put('recordings/org-1/rec_1.bin', content, { contentType: 'audio/ogg' });
    expect(stored).toEqual({ size: 5000, sha256: sha256Hex(content) });
    const [object] = [...s3.objects.entries()];
    expect(object[0]).toBe('/recordings-bucket/recordings/org-1/rec_1.bin');
    expect(object[1].includes(content.subarray(100, 132))).toBe(false);

    expect((await bytesOf((await storage.get('recordings/org-1/rec_1.bin')).body)).equals(content)).toBe(true);
    s3.requests.length = 0;
    const ranged = await storage.get('recordings/org-1/rec_1.bin', { start: 1020, end: 2050 });
    expect(ranged).toMatchObject({ size: 5000, contentType: 'audio/ogg', range: { start: 1020, end: 2050 } });
    expect((await bytesOf(ranged.body)).equals(content.subarray(1020, 2051))).toBe(true);
    // One request for the header, one for only the chunks holding the range (0-based chunks 0..2).
    expect(s3.requests.map((r) => r.range)).toEqual(['bytes=0-4095', expect.stringMatching(/^bytes=\d+-\d+$/)]);
    const [, from, to] = /bytes=(\d+)-(\d+)/.exec(s3.requests[1].range!)!.map(Number);
    expect(to - from + 1).toBe(3 * (1024 + 28));
  });

  it('answers head and not-found, deletes, and detects a tampered object', async () => {
    expect(await storage.head('missing')).toBeNull();
    await expect(storage.get('missing')).rejects.toThrow(ObjectNotFoundError);
    await storage.put('a', Buffer.from('hello'), { contentType: 'audio/wav' });
    expect(await storage.head('a')).toEqual({ size: 5, contentType: 'audio/wav' });

    const path = '/recordings-bucket/a';
    s3.objects.get(path)![s3.objects.get(path)!.length - 1] ^= 0xff;
    await expect(bytesOf((await storage.get('a')).body)).rejects.toThrow(ObjectIntegrityError);

    await storage.delete('a');
    await storage.delete('a');
    expect(s3.objects.size).toBe(0);
  });

  it('fails clearly when the service refuses the signature', async () => {
    const wrong = new EncryptedObjectStorage(
      new S3BlobStore({ ...location(), credentials: { ...CREDENTIALS, secretAccessKey: 'not-the-secret' } }),
      new ObjectKeyring(randomBytes(32)),
    );
    await expect(wrong.put('a', Buffer.from('x'), { contentType: 'audio/wav' })).rejects.toThrow(S3RequestError);
    await expect(wrong.put('a', Buffer.from('x'), { contentType: 'audio/wav' })).rejects.toThrow('S3 PUT answered 403');
  });
});
