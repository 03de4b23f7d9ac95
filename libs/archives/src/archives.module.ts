import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CardsModule } from '@health/cards';
import { ArchiveProfileController } from './profile/archive-profile.controller';
import { ArchivesDemoSeeder } from './demo/archives-demo-seeder';
import { IndicatorDictionaryService } from './indicators/indicator-dictionary.service';
import { IndicatorRepository } from './indicators/indicator.repository';
import { IndicatorSeeder } from './indicators/indicator-seeder';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';
import { ObservationRepository } from './observations/observation.repository';
import { ObservationsController } from './observations/observations.controller';
import { ObservationsService } from './observations/observations.service';
import { ArchiveProfileService } from './profile/archive-profile.service';
import { ArchiveRepository } from './profile/archive.repository';
import { ARCHIVE_PROFILE_ENTITIES } from './profile/entities';

/** Health archives: the versioned health profile of each client, the indicator dictionary, observations and trends. */
@Module({
  imports: [TypeOrmModule.forFeature(ARCHIVE_PROFILE_ENTITIES), CardsModule],
  controllers: [ArchiveProfileController, IndicatorsController, ObservationsController],
  providers: [
    ArchiveRepository,
    ArchiveProfileService,
    ArchivesDemoSeeder,
    IndicatorRepository,
    IndicatorDictionaryService,
    IndicatorsService,
    IndicatorSeeder,
    ObservationRepository,
    ObservationsService,
  ],
  exports: [ArchiveProfileService, ArchivesDemoSeeder, IndicatorDictionaryService],
})
export class ArchivesModule {}
