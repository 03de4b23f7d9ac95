import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService, ByteRange, describeError, DomainError, inspectAudio, ObjectStorage } from '@health/core';
import { orgIdOf } from '@health/iam';
import { parseRangeHeader } from './byte-range';
import { FollowUpRecordingDto } from './dto/follow-up-recording.dto';
import { FollowUpRecordAccess } from './follow-up-record-access';
import { FollowUpRecording, FollowUpRecordingRepository } from './follow-up-recording.repository';
import type { RecordingUpload } from './recording-upload.interceptor';

/** A recording (or a range of it) ready to stream to the player. */
export interface RecordingPlayback {
  body: Readable;
  mime: string;
  /** Size of the whole recording. */
  size: number;
  sha256: string;
  /** Set for a 206 answer. */
  range?: ByteRange;
}

export const RECORDING_PLAYED = 'follow_up_recording.played';

const FOREIGN_KEY_VIOLATION = '23503';

function recordNotFound(): DomainError {
  return DomainError.notFound('FOLLOW_UP_RECORD_NOT_FOUND', 'No such follow-up record in your organisation');
}

function recordingNotFound(): DomainError {
  return DomainError.notFound('FOLLOW_UP_RECORDING_NOT_FOUND', 'This follow-up record has no recording');
}

function toDto(row: FollowUpRecording): FollowUpRecordingDto {
  return {
    id: row.id,
    recordId: row.recordId,
    mime: row.mime,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    durationMs: row.durationMs,
    uploadedByType: row.uploadedByType,
    uploadedById: row.uploadedById,
    createdAt: row.createdAt,
  };
}

/**
 * Call recordings of follow-up records: upload (type by content, sha256, duration, encrypted
 * storage), metadata and playback by byte range, every playback audited.
 */
@Injectable()
export class RecordingsService {
  private readonly logger = new Logger('Recordings');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recordings: FollowUpRecordingRepository,
    private readonly records: FollowUpRecordAccess,
    private readonly storage: ObjectStorage,
    private readonly audit: AuditService,
  ) {}

  /**
   * Stores the recording of a record, replacing the one it had. The object is written first under a
   * new key; the row then points at it and the replaced object is removed, so a player streaming
   * the old recording meanwhile is not cut off mid-way by an overwrite.
   */
  async upload(actor: Actor, recordId: string, upload: RecordingUpload): Promise<FollowUpRecordingDto> {
    const orgId = orgIdOf(actor);
    if (!(await this.records.findRecord(orgId, recordId))) throw recordNotFound();
    const audio = inspectAudio(upload.content);
    if (!audio) {
      throw new DomainError(
        415,
        'RECORDING_TYPE_UNSUPPORTED',
        'The file is not an mp3, m4a/aac, wav, amr or ogg recording (checked by its content, not its name)',
      );
    }
    const id = randomUUID();
    const storageKey = `recordings/${orgId}/${id}`;
    const stored = await this.storage.put(storageKey, upload.content, { contentType: audio.mime });

    let saved: FollowUpRecording;
    let replaced: FollowUpRecording | null;
    try {
      [saved, replaced] = await this.dataSource.transaction(async (manager) => {
        await this.recordings.lockRecordUploads(manager, recordId);
        const previous = await this.recordings.findByRecord(orgId, recordId, manager);
        const row = await this.recordings.save(manager, {
          id,
          orgId,
          recordId,
          storageKey,
          mime: audio.mime,
          sizeBytes: stored.size,
          sha256: stored.sha256,
          durationMs: audio.durationMs,
          uploadedByType: actor.type === 'api_key' ? 'api_key' : 'user',
          uploadedById: actor.id,
        });
        return [row, previous] as const;
      });
    } catch (err) {
      await this.removeObject(storageKey);
      // The record was deleted between the check above and the insert.
      if ((err as { driverError?: { code?: string } }).driverError?.code === FOREIGN_KEY_VIOLATION) throw recordNotFound();
      throw err;
    }
    if (replaced) await this.removeObject(replaced.storageKey);
    return toDto(saved);
  }

  async meta(actor: Actor, recordId: string): Promise<FollowUpRecordingDto> {
    return toDto(await this.recordingOf(actor, recordId));
  }

  /** The recording, or the part a `Range` header asks for; 416 for a range outside it. */
  async play(actor: Actor, recordId: string, rangeHeader: string | undefined): Promise<RecordingPlayback> {
    const recording = await this.recordingOf(actor, recordId);
    const request = parseRangeHeader(rangeHeader, recording.sizeBytes);
    if (request.kind === 'unsatisfiable') {
      throw new DomainError(
        416,
        'RECORDING_RANGE_NOT_SATISFIABLE',
        `The range is outside the recording of ${recording.sizeBytes} bytes`,
        undefined,
        { 'Content-Range': `bytes */${recording.sizeBytes}` },
      );
    }
    const range = request.kind === 'partial' ? request.range : undefined;
    const read = await this.storage.get(recording.storageKey, range);
    await this.audit.record({ action: RECORDING_PLAYED, targetType: 'follow_up_record', targetId: recordId });
    return { body: read.body, mime: recording.mime, size: recording.sizeBytes, sha256: recording.sha256, range: read.range };
  }

  private async recordingOf(actor: Actor, recordId: string): Promise<FollowUpRecording> {
    const orgId = orgIdOf(actor);
    if (!(await this.records.findRecord(orgId, recordId))) throw recordNotFound();
    const recording = await this.recordings.findByRecord(orgId, recordId);
    if (!recording) throw recordingNotFound();
    return recording;
  }

  /** Best effort: a leftover object costs space, not correctness; the row no longer points at it. */
  private async removeObject(storageKey: string): Promise<void> {
    try {
      await this.storage.delete(storageKey);
    } catch (err) {
      this.logger.warn({ msg: 'could not remove a replaced recording object', storageKey, error: describeError(err) });
    }
  }
}
