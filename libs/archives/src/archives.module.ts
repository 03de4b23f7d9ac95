import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '@health/core';
import { CardsModule } from '@health/cards';
import { ExamImportFiles } from './exam-imports/exam-import-files';
import { ExamImportRunner } from './exam-imports/exam-import-runner';
import { ExamImportRepository } from './exam-imports/exam-import.repository';
import { ExamImportsController } from './exam-imports/exam-imports.controller';
import { ExamImportsProcessor } from './exam-imports/exam-imports.processor';
import { ExamImportsService } from './exam-imports/exam-imports.service';
import { FhirController } from './fhir/fhir.controller';
import { FhirService } from './fhir/fhir.service';
import { ExamReportRepository } from './exam-reports/exam-report.repository';
import { ExamReportsController } from './exam-reports/exam-reports.controller';
import { ExamReportsService } from './exam-reports/exam-reports.service';
import { IndicatorMappingRepository } from './mappings/indicator-mapping.repository';
import { IndicatorMappingsController } from './mappings/indicator-mappings.controller';
import { IndicatorMappingsProcessor } from './mappings/indicator-mappings.processor';
import { IndicatorMappingsService } from './mappings/indicator-mappings.service';
import { ObservationWriterRepository } from './observations/observation-writer.repository';
import { ArchiveProfileController } from './profile/archive-profile.controller';
import { ArchivesDemoSeeder } from './demo/archives-demo-seeder';
import { ExamReportsDemoSeeder } from './demo/exam-reports-demo-seeder';
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
import { ClientFactsRepository } from './facts/client-facts.repository';
import { ClientFactsService } from './facts/client-facts.service';
import { ClientInsightsHandlers } from './facts/client-insights.handlers';
import { ClientInsightsService } from './facts/client-insights.service';
import { RiskAssessmentRepository } from './risk/risk-assessment.repository';
import { RiskAssessor } from './risk/risk-assessor';
import { ClientRiskAssessmentsController, RiskModelsController } from './risk/risk-models.controller';
import { RiskModelsService } from './risk/risk-models.service';
import { TagRepository } from './tags/tag.repository';
import { TagRuleEvaluator } from './tags/tag-rule-evaluator';
import { ClientTagsController, TagRulesController, TagsController } from './tags/tags.controller';
import { TagSeeder } from './tags/tag-seeder';
import { TagsProcessor } from './tags/tags.processor';
import { TagsService } from './tags/tags.service';

/**
 * Health archives: the versioned health profile of each client, the indicator dictionary and its
 * mappings, exam reports with their observations, and trends.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ARCHIVE_PROFILE_ENTITIES), CardsModule, IdempotencyModule],
  controllers: [
    ArchiveProfileController,
    IndicatorsController,
    IndicatorMappingsController,
    ExamReportsController,
    ObservationsController,
    ExamImportsController,
    FhirController,
    TagsController,
    TagRulesController,
    ClientTagsController,
    RiskModelsController,
    ClientRiskAssessmentsController,
  ],
  providers: [
    ArchiveRepository,
    ArchiveProfileService,
    ArchivesDemoSeeder,
    ExamReportsDemoSeeder,
    IndicatorRepository,
    IndicatorDictionaryService,
    IndicatorsService,
    IndicatorSeeder,
    IndicatorMappingRepository,
    IndicatorMappingsService,
    IndicatorMappingsProcessor,
    ExamReportRepository,
    ExamReportsService,
    ObservationWriterRepository,
    ObservationRepository,
    ObservationsService,
    ExamImportRepository,
    ExamImportFiles,
    ExamImportsService,
    ExamImportRunner,
    ExamImportsProcessor,
    FhirService,
    ClientFactsRepository,
    ClientFactsService,
    ClientInsightsService,
    ClientInsightsHandlers,
    RiskAssessmentRepository,
    RiskAssessor,
    RiskModelsService,
    TagRepository,
    TagRuleEvaluator,
    TagsService,
    TagsProcessor,
    TagSeeder,
  ],
  exports: [
    ArchiveProfileService,
    ArchivesDemoSeeder,
    ExamReportsDemoSeeder,
    IndicatorDictionaryService,
    ExamReportsService,
    ObservationsService,
    ClientFactsService,
    ClientInsightsService,
    TagsService,
  ],
})
export class ArchivesModule {}
