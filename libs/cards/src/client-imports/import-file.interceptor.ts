import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { Observable } from 'rxjs';
import { DomainError } from '@health/core';

/** Largest import file accepted. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const MultipartSingleFile = FileInterceptor('file', {
  limits: { fileSize: MAX_IMPORT_BYTES, files: 1 },
  // Browsers send UTF-8 file names (客户名单.xlsx) without saying so.
  defParamCharset: 'utf8',
});

/**
 * Reads the multipart field `file` into memory (at most 5 MB) and answers the upload's own codes
 * instead of the generic ones of Nest's multipart interceptor: 413 `IMPORT_FILE_TOO_LARGE`, 400 `IMPORT_UPLOAD_INVALID`.
 */
@Injectable()
export class ImportFileInterceptor implements NestInterceptor {
  private readonly multipart: NestInterceptor = new MultipartSingleFile();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (err) {
      if (err instanceof PayloadTooLargeException) {
        throw new DomainError(413, 'IMPORT_FILE_TOO_LARGE', 'An import file may be at most 5 MB');
      }
      if (err instanceof HttpException && err.getStatus() < 500) {
        throw DomainError.badRequest('IMPORT_UPLOAD_INVALID', 'Send one file as multipart/form-data field "file"');
      }
      throw err;
    }
  }
}
