import { amzDate, awsUriEncode, EMPTY_PAYLOAD_SHA256, sha256Hex, signRequest } from './aws-sigv4';

// The example requests of the AWS documentation ("Signature Calculations for the Authorization
// Header: Transferring Payload in a Single Chunk", Amazon S3 API reference).
const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const SCOPE = { region: 'us-east-1', service: 's3', date: new Date('2013-05-24T00:00:00Z') };
const HOST = 'examplebucket.s3.amazonaws.com';
const signatureOf = (authorization: string) => /Signature=([0-9a-f]{64})$/.exec(authorization)?.[1];

describe('signRequest (AWS Signature Version 4)', () => {
  it('reproduces the GET Object example with a Range header', () => {
    const signed = signRequest(
      { method: 'GET', path: '/test.txt', headers: { Host: HOST, Range: 'bytes=0-9' }, payloadHash: EMPTY_PAYLOAD_SHA256 },
      CREDENTIALS,
      SCOPE,
    );
    expect(signed).toEqual({
      'x-amz-date': '20130524T000000Z',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    });
  });

  it('reproduces the PUT Object example (body hash, a key encoded once, extra signed headers)', () => {
    const body = Buffer.from('Welcome to Amazon S3.');
    expect(sha256Hex(body)).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const signed = signRequest(
      {
        method: 'PUT',
        path: `/${awsUriEncode('test$file.text', true)}`,
        headers: { host: HOST, Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash: sha256Hex(body),
      },
      CREDENTIALS,
      SCOPE,
    );
    expect(signed.authorization).toContain('SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,');
    expect(signatureOf(signed.authorization)).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('reproduces the GET Bucket Lifecycle and List Objects examples (query strings, sorted)', () => {
    const sign = (query: Record<string, string>) =>
      signatureOf(
        signRequest(
          { method: 'GET', path: '/', query, headers: { host: HOST }, payloadHash: EMPTY_PAYLOAD_SHA256 },
          CREDENTIALS,
          SCOPE,
        ).authorization,
      );
    expect(sign({ lifecycle: '' })).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
    expect(sign({ prefix: 'J', 'max-keys': '2' })).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('encodes like RFC 3986 and formats the request time', () => {
    expect(awsUriEncode("a b!'()*~._-/ñ")).toBe('a%20b%21%27%28%29%2A~._-%2F%C3%B1');
    expect(awsUriEncode('recordings/org/a b', true)).toBe('recordings/org/a%20b');
    expect(amzDate(new Date('2026-03-04T05:06:07.890Z'))).toBe('20260304T050607Z');
  });
});
