import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { DomainError, MultipartFile, MultipartFileRejected, readMultipartFile } from '@health/core';

/** Largest import file accepted. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Reads the multipart field `file` into memory (at most 5 MB) for `@UploadedFile()`, and answers
 * the upload's own codes: 413 `IMPORT_FILE_TOO_LARGE`, 400 `IMPORT_UPLOAD_INVALID`.
 */
@Injectable()
export class ImportFileInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { file?: MultipartFile }>();
    try {
      request.file = await readMultipartFile(request.raw, 'file', { fileSize: MAX_IMPORT_BYTES });
    } catch (err) {
      if (!(err instanceof MultipartFileRejected)) throw err;
      if (err.reason === 'too-large') {
        throw new DomainError(413, 'IMPORT_FILE_TOO_LARGE', 'An import file may be at most 5 MB');
      }
      throw DomainError.badRequest('IMPORT_UPLOAD_INVALID', 'Send one file as multipart/form-data field "file"');
    }
    return next.handle();
  }
}
