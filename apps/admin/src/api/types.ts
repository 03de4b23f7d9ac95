import type { paths, Schema } from '@health/api-client';

/**
 * Names for the API's request and response bodies, all derived from the generated `paths` of
 * `@health/api-client` (by path, so they survive DTO renames). Nothing here is written by hand.
 */
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type SuccessBody<Op> = Op extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201>]> : never;
type ItemOf<T> = T extends { items: (infer Item)[] } ? Item : T extends (infer Item)[] ? Item : never;

export type ResponseOf<P extends keyof paths, M extends Method> = SuccessBody<Operation<P, M>>;
export type BodyOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
export type QueryOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type ErrorBody = Schema<'ErrorBodyDto'>;
export type ErrorDetail = Schema<'ErrorDetailDto'>;
export type Health = ResponseOf<'/api/health', 'get'>;

export type LoginResult = ResponseOf<'/api/v1/auth/login', 'post'>;
export type Me = ResponseOf<'/api/v1/auth/me', 'get'>;
export type PasswordPolicy = ResponseOf<'/api/v1/auth/password-policy', 'get'>;
export type Permission = ItemOf<ResponseOf<'/api/v1/permissions', 'get'>>;

export type Role = ItemOf<ResponseOf<'/api/v1/roles', 'get'>>;
export type RoleCreate = BodyOf<'/api/v1/roles', 'post'>;
export type RoleUpdate = BodyOf<'/api/v1/roles/{id}', 'patch'>;

export type User = ItemOf<ResponseOf<'/api/v1/users', 'get'>>;
export type UserQuery = QueryOf<'/api/v1/users', 'get'>;
export type UserCreate = BodyOf<'/api/v1/users', 'post'>;
export type UserUpdate = BodyOf<'/api/v1/users/{id}', 'patch'>;

export type ApiKey = ItemOf<ResponseOf<'/api/v1/api-keys', 'get'>>;
export type ApiKeyCreate = BodyOf<'/api/v1/api-keys', 'post'>;
export type CreatedApiKey = ResponseOf<'/api/v1/api-keys', 'post'>;

export type AuditEvent = ItemOf<ResponseOf<'/api/v1/audit-events', 'get'>>;
export type AuditQuery = QueryOf<'/api/v1/audit-events', 'get'>;
export type AuditVerification = ResponseOf<'/api/v1/audit-events/verifications/{id}', 'get'>;

export type Organisation = ItemOf<ResponseOf<'/api/v1/organisations', 'get'>>;
export type OrganisationCreate = BodyOf<'/api/v1/organisations', 'post'>;
export type OrganisationUpdate = BodyOf<'/api/v1/organisations/{id}', 'patch'>;

export type Client = ItemOf<ResponseOf<'/api/v1/clients', 'get'>>;
export type ClientQuery = QueryOf<'/api/v1/clients', 'get'>;
export type ClientCreate = BodyOf<'/api/v1/clients', 'post'>;
export type ClientUpdate = BodyOf<'/api/v1/clients/{id}', 'patch'>;
export type ClientUnmasked = ResponseOf<'/api/v1/clients/{id}/unmask', 'post'>;
export type ClientImport = ItemOf<ResponseOf<'/api/v1/client-imports', 'get'>>;
export type ClientConsents = ResponseOf<'/api/v1/clients/{id}/consents', 'get'>;

export type CardType = ItemOf<ResponseOf<'/api/v1/card-types', 'get'>>;
export type CardTypeCreate = BodyOf<'/api/v1/card-types', 'post'>;
export type CardTypeUpdate = BodyOf<'/api/v1/card-types/{id}', 'patch'>;
export type Card = ItemOf<ResponseOf<'/api/v1/cards', 'get'>>;
export type CardHistoryEntry = ItemOf<ResponseOf<'/api/v1/cards/{id}/history', 'get'>>;

export type Archive = ResponseOf<'/api/v1/clients/{id}/archive', 'get'>;
export type ArchiveProfile = Archive['profile'];
export type ArchiveUpdate = BodyOf<'/api/v1/clients/{id}/archive', 'put'>;
export type ArchiveVersion = ItemOf<ResponseOf<'/api/v1/clients/{id}/archive/history', 'get'>>;

export type Trends = ResponseOf<'/api/v1/clients/{id}/trends', 'get'>;
export type TrendSeries = Trends['series'][number];
export type TrendPoint = TrendSeries['points'][number];
export type TrendStats = NonNullable<TrendSeries['stats']>;
export type TrendTable = ResponseOf<'/api/v1/clients/{id}/trends/table', 'get'>;
export type TrendTableRow = TrendTable['rows'][number];
export type TrendTableCell = NonNullable<TrendTableRow['cells'][number]>;
export type Verdict = TrendPoint['abnormal'];

export type ExamReportSummary = ItemOf<ResponseOf<'/api/v1/exam-reports', 'get'>>;
export type ExamReportQuery = QueryOf<'/api/v1/exam-reports', 'get'>;
export type ExamReport = ResponseOf<'/api/v1/exam-reports/{id}', 'get'>;
export type ReportItemGroup = ExamReport['groups'][number];
export type ReportItem = ReportItemGroup['items'][number];
export type Indicator = ItemOf<ResponseOf<'/api/v1/indicators', 'get'>>;
export type IndicatorMapping = ItemOf<ResponseOf<'/api/v1/indicator-mappings', 'get'>>;
export type IndicatorMappingCreate = BodyOf<'/api/v1/indicator-mappings', 'post'>;
export type CreatedIndicatorMapping = ResponseOf<'/api/v1/indicator-mappings', 'post'>;
export type IndicatorMappingUpdate = BodyOf<'/api/v1/indicator-mappings/{id}', 'patch'>;
export type ChangedIndicatorMapping = ResponseOf<'/api/v1/indicator-mappings/{id}', 'patch'>;
export type IndicatorMappingVersion = ItemOf<ResponseOf<'/api/v1/indicator-mappings/{id}/versions', 'get'>>;
export type IndicatorQuery = QueryOf<'/api/v1/indicators', 'get'>;
export type IndicatorUpdate = BodyOf<'/api/v1/indicators/{code}', 'patch'>;
export type UnmappedItemName = ItemOf<ResponseOf<'/api/v1/indicator-mappings/unmapped', 'get'>>;
export type ExamImport = ItemOf<ResponseOf<'/api/v1/exam-imports', 'get'>>;

export type AdviceTemplate = ItemOf<ResponseOf<'/api/v1/advice-templates', 'get'>>;
export type AdviceTemplateCreate = BodyOf<'/api/v1/advice-templates', 'post'>;
export type AdviceTemplateUpdate = BodyOf<'/api/v1/advice-templates/{id}', 'patch'>;
export type AdviceCategory = AdviceTemplate['category'];
export type ClientAdvice = ResponseOf<'/api/v1/clients/{id}/advice', 'get'>;
export type AdviceItem = ClientAdvice['items'][number];
export type ClientAdviceReplace = BodyOf<'/api/v1/clients/{id}/advice', 'put'>;
export type RiskModel = ItemOf<ResponseOf<'/api/v1/risk-models', 'get'>>;
export type RiskInputSpec = RiskModel['inputs'][number];
export type RiskInputs = BodyOf<'/api/v1/risk-models/{model}/evaluate', 'post'>;
export type RiskEvaluation = ResponseOf<'/api/v1/risk-models/{model}/evaluate', 'post'>;
export type RiskRefusal = RiskEvaluation['missing'][number];
export type BilingualText = RiskRefusal['message'];
export type RiskAssessment = ItemOf<ResponseOf<'/api/v1/clients/{id}/risk-assessments', 'get'>>;
export type Tag = ItemOf<ResponseOf<'/api/v1/tags', 'get'>>;
export type TagCreate = BodyOf<'/api/v1/tags', 'post'>;
export type TagUpdate = BodyOf<'/api/v1/tags/{id}', 'patch'>;
export type TagReevaluation = Tag['reevaluation'];
export type FactField = ResponseOf<'/api/v1/tag-rules/facts', 'get'>['fields'][number];
export type TagPreview = ResponseOf<'/api/v1/tag-rules/preview', 'post'>;
export type ClientTags = ResponseOf<'/api/v1/clients/{id}/tags', 'get'>;
export type ClientTag = ClientTags['tags'][number];
export type InboxPage = ResponseOf<'/api/v1/inbox', 'get'>;
export type InboxItem = ItemOf<InboxPage>;
export type NotificationRecord = ItemOf<ResponseOf<'/api/v1/notifications', 'get'>>;
export type NotificationQuery = QueryOf<'/api/v1/notifications', 'get'>;
export type NotificationChannel = NotificationRecord['channel'];
export type NotificationStatus = NotificationRecord['status'];
export type MessageTemplate = ItemOf<ResponseOf<'/api/v1/message-templates', 'get'>>;
export type MessageTemplateUpdate = BodyOf<'/api/v1/message-templates/{id}', 'patch'>;
export type NotificationSettings = ResponseOf<'/api/v1/notification-settings', 'get'>;
export type NotificationSettingsUpdate = BodyOf<'/api/v1/notification-settings', 'put'>;

export type FollowUpTask = ItemOf<ResponseOf<'/api/v1/follow-up-tasks', 'get'>>;
export type FollowUpTaskQuery = QueryOf<'/api/v1/follow-up-tasks', 'get'>;
export type FollowUpTaskCounts = ResponseOf<'/api/v1/follow-up-tasks/counts', 'get'>;
export type FollowUpTaskCreate = BodyOf<'/api/v1/follow-up-tasks', 'post'>;
export type FollowUpTaskDetail = ResponseOf<'/api/v1/follow-up-tasks/{id}', 'get'>;
export type FollowUpClientSummary = FollowUpTaskDetail['client'];
export type FollowUpRecord = FollowUpTaskDetail['records'][number];
export type FollowUpRecordCreate = BodyOf<'/api/v1/follow-up-tasks/{id}/records', 'post'>;
export type FollowUpRecordSaved = ResponseOf<'/api/v1/follow-up-tasks/{id}/records', 'post'>;
export type FollowUpRecording = ResponseOf<'/api/v1/follow-up-records/{id}/recording/meta', 'get'>;
export type ClientFollowUps = ResponseOf<'/api/v1/clients/{id}/follow-ups', 'get'>;
export type FollowUpPlan = ClientFollowUps['plans'][number];
export type FollowUpStats = ResponseOf<'/api/v1/stats/follow-ups', 'get'>;
export type FollowUpWorkloadRow = ResponseOf<'/api/v1/stats/follow-ups/workload', 'get'>['items'][number];
export type FollowUpTemplate = ItemOf<ResponseOf<'/api/v1/follow-up-templates', 'get'>>;
export type FollowUpTemplateCreate = BodyOf<'/api/v1/follow-up-templates', 'post'>;
export type FollowUpStep = FollowUpTemplate['steps'][number];
export type FollowUpTrigger = FollowUpTemplate['trigger'];
export type FollowUpPreview = ResponseOf<'/api/v1/follow-up-templates/preview', 'post'>;
export type FollowUpTemplateVersion = ItemOf<ResponseOf<'/api/v1/follow-up-templates/{id}/versions', 'get'>>;
export type FollowUpTemplateDefinition = FollowUpTemplateVersion['definition'];
export type FollowUpPlanCreate = BodyOf<'/api/v1/follow-up-plans', 'post'>;
