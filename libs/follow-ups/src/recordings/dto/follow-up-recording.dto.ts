import { ApiProperty } from '@nestjs/swagger';

export class FollowUpRecordingUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'mp3, m4a/aac, wav, amr or ogg; recognised by content' })
  file!: unknown;
}

export class FollowUpRecordingDto {
  @ApiProperty({ format: 'uuid', description: 'Id of this upload; a new upload replaces the recording with a new id' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  recordId!: string;

  @ApiProperty({ example: 'audio/mpeg', description: 'Detected from the content, not from the file name' })
  mime!: string;

  @ApiProperty({ example: 482133 })
  sizeBytes!: number;

  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: 'SHA-256 (hex) of the audio; also its ETag',
  })
  sha256!: string;

  @ApiProperty({ example: 95210, nullable: true, type: Number, description: 'Null when the file headers do not give it' })
  durationMs!: number | null;

  @ApiProperty({ enum: ['user', 'api_key'] })
  uploadedByType!: 'user' | 'api_key';

  @ApiProperty({ format: 'uuid' })
  uploadedById!: string;

  @ApiProperty()
  createdAt!: Date;
}
