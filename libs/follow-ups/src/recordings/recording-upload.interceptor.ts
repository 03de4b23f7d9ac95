import type { IncomingMessage } from 'node:http';
import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { AppConfig, DomainError, MultipartFileRejected, readMultipartFile } from '@health/core';

/** The uploaded recording's bytes. Its declared name and type are ignored: the content decides. */
export interface RecordingUpload {
  content: Buffer;
}

type UploadRequest = FastifyRequest & { recordingUpload?: RecordingUpload };

const RAW_TYPES = /^(audio\/[a-z0-9.+-]+|application\/octet-stream)\s*(;|$)/i;

/** The recording `RecordingUploadInterceptor` read from the request. */
export const UploadedRecording = createParamDecorator(
  (_: unknown, context: ExecutionContext): RecordingUpload | undefined =>
    context.switchToHttp().getRequest<UploadRequest>().recordingUpload,
);

export function recordingTooLarge(limit: number): DomainError {
  return new DomainError(413, 'RECORDING_TOO_LARGE', `A recording may be at most ${limit} bytes (RECORDING_MAX_BYTES)`);
}

export function recordingUploadInvalid(): DomainError {
  return DomainError.badRequest(
    'RECORDING_UPLOAD_INVALID',
    'Send one recording as multipart/form-data field "file", or as the request body with Content-Type audio/*',
  );
}

/**
 * Reads a recording of at most `RECORDING_MAX_BYTES` into memory, from either the multipart field
 * `file` or a raw body typed audio/* (or application/octet-stream). Answers 413
 * `RECORDING_TOO_LARGE` as soon as the limit is passed, 415 `RECORDING_TYPE_UNSUPPORTED` for
 * other request types, 400 `RECORDING_UPLOAD_INVALID` for a broken or empty upload.
 */
@Injectable()
export class RecordingUploadInterceptor implements NestInterceptor {
  private readonly limit: number;

  constructor(config: AppConfig) {
    this.limit = config.recordingMaxBytes;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<UploadRequest>();
    const type = request.headers['content-type'] ?? '';
    if (/^multipart\/form-data/i.test(type)) return this.fromMultipart(request, next);
    if (!RAW_TYPES.test(type)) {
      request.raw.resume();
      throw new DomainError(
        415,
        'RECORDING_TYPE_UNSUPPORTED',
        'Send the recording as multipart/form-data field "file", or as the body with Content-Type audio/*',
      );
    }
    request.recordingUpload = { content: await this.readBody(request.raw) };
    if (request.recordingUpload.content.length === 0) throw recordingUploadInvalid();
    return next.handle();
  }

  private async fromMultipart(request: UploadRequest, next: CallHandler): Promise<Observable<unknown>> {
    let file;
    try {
      file = await readMultipartFile(request.raw, 'file', { fileSize: this.limit, fields: 10 });
    } catch (err) {
      if (!(err instanceof MultipartFileRejected)) throw err;
      throw err.reason === 'too-large' ? recordingTooLarge(this.limit) : recordingUploadInvalid();
    }
    if (!file || file.buffer.length === 0) throw recordingUploadInvalid();
    request.recordingUpload = { content: file.buffer };
    return next.handle();
  }

  private async readBody(request: IncomingMessage): Promise<Buffer> {
    const declared = Number(request.headers['content-length']);
    if (declared > this.limit) {
      // Drain what the client keeps sending, so it reads our answer instead of a reset connection.
      request.resume();
      throw recordingTooLarge(this.limit);
    }
    const pieces: Buffer[] = [];
    let length = 0;
    for await (const piece of request) {
      length += (piece as Buffer).length;
      if (length > this.limit) {
        request.resume();
        throw recordingTooLarge(this.limit);
      }
      pieces.push(piece as Buffer);
    }
    return Buffer.concat(pieces);
  }
}
