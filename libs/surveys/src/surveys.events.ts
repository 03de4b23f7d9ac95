import { defineEvent } from '@health/core';

/**
 * A client finished a questionnaire, consultation form or scale and it was scored. Payload: ids and
 * result band codes only (never answers); consumers load the response by id when they need more.
 * `bands` holds every band the response fell into (a multi-scale questionnaire such as the TCM
 * constitution one has several), empty when the questionnaire has no scoring.
 *
 * Follow-ups start plans from it (`survey.completed` templates filter by questionnaire and band).
 */
export const SurveyCompleted = defineEvent<{
  responseId: string;
  clientId: string;
  questionnaireId: string;
  bands: string[];
}>({ type: 'survey.completed', aggregateType: 'survey_response' });
