export * from './archives.module';
export * from './archives.migrations';
export * from './archives.events';
export { ArchiveProfileService } from './profile/archive-profile.service';
export * from './profile/archive-profile';
export * from './profile/dto/archive-profile.dto';
export * from './profile/dto/archive.dto';
export { ArchivesDemoSeeder } from './demo/archives-demo-seeder';
export { ExamReportsDemoSeeder, type ExamReportsDemoResult } from './demo/exam-reports-demo-seeder';
export { IndicatorDictionaryService, type DictionarySnapshot } from './indicators/indicator-dictionary.service';
export { IndicatorSeeder } from './indicators/indicator-seeder';
export * from './indicators/dto/indicator.dto';
export { ExamReportsService } from './exam-reports/exam-reports.service';
export * from './exam-reports/dto/exam-report.dto';
export * from './mappings/dto/indicator-mapping.dto';
export {
  ObservationsService,
  type FollowUpMeasurement,
  type StoredFollowUpMeasurement,
} from './observations/observations.service';
export * from './observations/dto/observation.dto';
export * from './exam-imports/dto/exam-import.dto';
export * from './exam-imports/exam-imports.jobs';
export * from './fhir/dto/fhir.dto';
export * from './mappings/indicator-mappings.jobs';
export { ClientInsightsService, type InsightTrigger, type RefreshOutcome } from './facts/client-insights.service';
export { ClientFactsService } from './facts/client-facts.service';
export type { ClientFacts, IndicatorFact, ArchiveFacts } from './facts/client-facts';
export { conditionProblems, evaluateCondition, factPathsOf, factAt, type Condition } from './tags/tag-condition';
export { TagsService } from './tags/tags.service';
export * from './tags/dto/tag.dto';
export * from './tags/tags.jobs';
export * from './risk/dto/risk.dto';
