import { Controller, Get, Headers, Logger, Param, Put, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPartialContentResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, ApiErrorResponses, Audit, describeError, ErrorBodyDto, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { FollowUpRecordingDto, FollowUpRecordingUploadDto } from './dto/follow-up-recording.dto';
import { RecordingUpload, RecordingUploadInterceptor, UploadedRecording } from './recording-upload.interceptor';
import { RecordingPlayback, RecordingsService } from './recordings.service';

const AUDIO_TYPES = ['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/wav', 'audio/amr', 'audio/amr-wb', 'audio/ogg'];
const logger = new Logger('Recordings');

/** Status and headers of a playback: 206 with Content-Range for a range, ETag = the audio's SHA-256. */
function sendPlayback(res: FastifyReply, playback: RecordingPlayback): StreamableFile {
  res.status(playback.range ? 206 : 200);
  res.header('Accept-Ranges', 'bytes');
  res.header('ETag', `"${playback.sha256}"`);
  res.header('Cache-Control', 'private, no-store');
  if (playback.range) res.header('Content-Range', `bytes ${playback.range.start}-${playback.range.end}/${playback.size}`);
  const length = playback.range ? playback.range.end - playback.range.start + 1 : playback.size;
  const file = new StreamableFile(playback.body, { type: playback.mime, length });
  // Headers are gone by the time a chunk fails authentication: cut the transfer rather than send bad audio.
  file.setErrorHandler((err, response) => {
    logger.error({ msg: 'recording stream failed', error: describeError(err) });
    if (response.destroy) response.destroy();
    else response.end();
  });
  return file;
}

@ApiTags('follow-up-records')
@Audit({ targetType: 'follow_up_record' })
@Controller('v1/follow-up-records/:id/recording')
export class RecordingsController {
  constructor(private readonly recordings: RecordingsService) {}

  @Put()
  @RequirePermissions('follow-ups:write')
  @UseInterceptors(RecordingUploadInterceptor)
  @ApiConsumes('multipart/form-data', ...AUDIO_TYPES, 'application/octet-stream')
  @ApiBody({ type: FollowUpRecordingUploadDto })
  @ApiOperation({
    operationId: 'uploadFollowUpRecording',
    summary: 'Upload the call recording of a follow-up record (replaces an earlier one)',
    description:
      'Multipart field `file`, or the audio as the body with Content-Type audio/*. The type is recognised from the content (mp3, m4a/aac, wav, amr, ogg), never from the name: other content → 415 `RECORDING_TYPE_UNSUPPORTED`; larger than RECORDING_MAX_BYTES (default 50 MB) → 413 `RECORDING_TOO_LARGE`. Stored encrypted with its SHA-256 and duration. Audited.',
  })
  @ApiOkResponse({ type: FollowUpRecordingDto })
  @ApiErrorResponses(400, 401, 403, 404, 413)
  @ApiResponse({ status: 415, type: ErrorBodyDto, description: 'Not a supported audio recording (`RECORDING_TYPE_UNSUPPORTED`)' })
  uploadFollowUpRecording(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @UploadedRecording() upload: RecordingUpload,
  ): Promise<FollowUpRecordingDto> {
    return this.recordings.upload(actor, id, upload);
  }

  @Get('meta')
  @RequirePermissions('follow-ups:read')
  @ApiOperation({ operationId: 'getFollowUpRecordingMeta', summary: "Type, size, SHA-256 and duration of a record's recording" })
  @ApiOkResponse({ type: FollowUpRecordingDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getFollowUpRecordingMeta(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<FollowUpRecordingDto> {
    return this.recordings.meta(actor, id);
  }

  @Get()
  @RequirePermissions('follow-ups:read')
  @ApiOperation({
    operationId: 'getFollowUpRecording',
    summary: 'Stream the call recording, whole or by HTTP Range (for the browser player)',
    description:
      'One byte range per request (`bytes=a-b`, `bytes=a-`, `bytes=-n`) → 206 with Content-Range; a range outside the recording or malformed → 416 `RECORDING_RANGE_NOT_SATISFIABLE`. ETag is the SHA-256. Every playback request is audited as `follow_up_recording.played`.',
  })
  @ApiHeader({ name: 'Range', required: false, example: 'bytes=0-65535' })
  @ApiProduces(...AUDIO_TYPES)
  @ApiOkResponse({ description: 'The whole recording', schema: { type: 'string', format: 'binary' } })
  @ApiPartialContentResponse({ description: 'The requested range', schema: { type: 'string', format: 'binary' } })
  @ApiErrorResponses(400, 401, 403, 404)
  @ApiResponse({ status: 416, type: ErrorBodyDto, description: 'Range not satisfiable (`RECORDING_RANGE_NOT_SATISFIABLE`)' })
  async getFollowUpRecording(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Headers('range') range: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    return sendPlayback(res, await this.recordings.play(actor, id, range));
  }
}
