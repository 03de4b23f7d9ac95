import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsCredentials, awsUriEncode, EMPTY_PAYLOAD_SHA256, sha256Hex, signRequest } from './aws-sigv4';
import { BlobPrefix, BlobStore } from './blob-store';

export interface S3Location {
  /** `https://s3.example.com` (no path); objects are addressed path-style: `<endpoint>/<bucket>/<key>`. */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: AwsCredentials;
}

/** Requests that move no body give up after this long instead of hanging a request. */
const CONTROL_TIMEOUT_MS = 30_000;

export class S3RequestError extends Error {
  constructor(method: string, status: number) {
    super(`S3 ${method} answered ${status}`);
    this.name = 'S3RequestError';
  }
}

/**
 * Blobs in an S3-compatible bucket over signed HTTP requests. Path-style addressing, because
 * self-hosted services (MinIO, Ceph) rarely have a wildcard DNS name per bucket.
 */
export class S3BlobStore implements BlobStore {
  private readonly base: URL;

  constructor(private readonly location: S3Location) {
    this.base = new URL(location.endpoint);
  }

  async write(key: string, content: AsyncIterable<Buffer>): Promise<void> {
    // A single PUT needs the length up front; recordings are capped (RECORDING_MAX_BYTES), so they fit in memory.
    const pieces: Buffer[] = [];
    for await (const piece of content) pieces.push(piece);
    const body = Buffer.concat(pieces);
    const response = await this.send('PUT', key, {}, body);
    await response.arrayBuffer();
    if (!response.ok) throw new S3RequestError('PUT', response.status);
  }

  async readPrefix(key: string, length: number): Promise<BlobPrefix | null> {
    const response = await this.send('GET', key, { range: `bytes=0-${length - 1}` });
    if (response.status === 404) {
      await response.arrayBuffer();
      return null;
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.arrayBuffer();
      throw new S3RequestError('GET', response.status);
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const total = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
    return { bytes, totalSize: response.status === 206 && total ? Number(total[1]) : bytes.length };
  }

  async readRange(key: string, start: number, end: number): Promise<Readable> {
    const response = await this.send('GET', key, { range: `bytes=${start}-${end}` }, undefined, false);
    if (response.status !== 206 || !response.body) {
      await response.arrayBuffer();
      throw new S3RequestError('GET', response.status);
    }
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key, {});
    await response.arrayBuffer();
    if (!response.ok && response.status !== 404) throw new S3RequestError('DELETE', response.status);
  }

  private async send(
    method: string,
    key: string,
    headers: Record<string, string>,
    body?: Buffer<ArrayBuffer>,
    timeout = true,
  ): Promise<Response> {
    const basePath = this.base.pathname.replace(/\/$/, '');
    const path = `${basePath}/${awsUriEncode(this.location.bucket)}/${awsUriEncode(key, true)}`;
    const signed = signRequest(
      { method, path, headers: { host: this.base.host, ...headers }, payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_SHA256 },
      this.location.credentials,
      { region: this.location.region, service: 's3', date: new Date() },
    );
    return fetch(new URL(path, this.base), {
      method,
      headers: { ...headers, ...signed },
      body,
      signal: timeout ? AbortSignal.timeout(CONTROL_TIMEOUT_MS) : undefined,
    });
  }
}
