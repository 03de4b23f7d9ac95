/**
 * @health/clinical: pure clinical rules shared by the API, the worker and the browser admin. No I/O,
 * no framework, no Node-only APIs. The rules come from indicators.md (the dictionary's description).
 */
export { ageAtExam } from './age-at-exam';
export {
  IndicatorCsvError,
  parseAlias,
  parseIndicatorCsv,
  type IndicatorAlias,
  type IndicatorDefinition,
  type ReferenceInterval,
  type Sex,
} from './indicator-dictionary';
export {
  AliasConflictError,
  buildAliasIndex,
  findAliasConflicts,
  matchIndicator,
  type AliasConflict,
  type AliasIndex,
  type IndicatorMatch,
  type ItemToMatch,
  type MatchStep,
} from './indicator-matching';
export { interpretItem, type Interpretation, type InterpretationFailureReason, type PrintedValue } from './interpret-item';
export { normaliseName } from './normalise-name';
export {
  convertToCanonical,
  normaliseUnit,
  type AltUnit,
  type IndicatorUnits,
  type UnitConversionFailureReason,
  type UnitConversionResult,
} from './normalise-unit';
export { CsvSyntaxError, parseCsvRecords, type CsvRecord } from './parse-csv';
export {
  ORDINAL_GRADES,
  normaliseOrdinal,
  normaliseTextForComparison,
  parseItemValue,
  parseNumericValue,
  type Comparator,
  type ItemValue,
  type NumericValue,
  type OrdinalGrade,
  type OrdinalValue,
  type TextValue,
  type ValueParseFailure,
  type ValueParseFailureReason,
  type ValueParseResult,
  type ValueType,
} from './parse-value';
export { referenceIntervalFor, type Subject } from './reference-interval';
export { numericVerdict, ordinalVerdict, textVerdict, verdictFor, type CanonicalNumber, type Verdict } from './verdict';
export {
  ARROW_TOLERANCE,
  DIRECTION_TOLERANCE,
  abnormalStreak,
  buildYearTable,
  dayNumber,
  excessOutside,
  slopePerYear,
  trendDirection,
  trendStats,
  yearArrow,
  type TableObservation,
  type TrendDirection,
  type TrendPoint,
  type TrendStats,
  type YearArrow,
  type YearCell,
  type YearRow,
  type YearTable,
} from './trends';
export { defaultFraminghamModel } from './risk/framingham';
export { INPUT_LABELS, InputReader, PLAUSIBLE } from './risk/inputs';
export { bandIndex, formatHalfUp, guard, roundHalfUp, upperClosedBandIndex } from './risk/numbers';
export { RISK_MODELS, RISK_SPEC_REVISION, riskModel } from './risk/registry';
export {
  JUDGEMENT_LABELS,
  TCM_TYPES,
  type TcmJudgement,
  type TcmType,
  type TcmTypeCode,
  type TcmTypeName,
} from './risk/tcm-constitutions';
export {
  TCM60_ITEMS,
  tcm60ItemCount,
  tcm60ItemsFor,
  tcm60Questions,
  type Tcm60Item,
  type Tcm60Question,
} from './risk/tcm-60-items';
export type {
  BilingualText,
  Evaluation,
  FamilyHistoryDegree,
  InputName,
  InputSpec,
  ModelInputs,
  ModelResult,
  Refusal,
  RefusalCode,
  RiskModel,
} from './risk/risk-model';
