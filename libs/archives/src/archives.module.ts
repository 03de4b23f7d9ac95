import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CardsModule } from '@health/cards';
import { ArchiveProfileController } from './profile/archive-profile.controller';
import { ArchivesDemoSeeder } from './demo/archives-demo-seeder';
import { ArchiveProfileService } from './profile/archive-profile.service';
import { ArchiveRepository } from './profile/archive.repository';
import { ARCHIVE_PROFILE_ENTITIES } from './profile/entities';

/** Health archives: so far the versioned health profile of each client. */
@Module({
  imports: [TypeOrmModule.forFeature(ARCHIVE_PROFILE_ENTITIES), CardsModule],
  controllers: [ArchiveProfileController],
  providers: [ArchiveRepository, ArchiveProfileService, ArchivesDemoSeeder],
  exports: [ArchiveProfileService, ArchivesDemoSeeder],
})
export class ArchivesModule {}
