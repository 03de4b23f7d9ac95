import type { FormItemRule } from 'element-plus';
import { t } from '@/i18n';

/** Form validation rules with localised messages (computed when shown, so they follow the language). */
const field = (labelKey: string) => t(labelKey);

export function required(labelKey: string, kind: 'input' | 'select' = 'input'): FormItemRule {
  return {
    required: true,
    trigger: kind === 'input' ? 'blur' : 'change',
    message: () => t(kind === 'input' ? 'validation.required' : 'validation.requiredSelect', { field: field(labelKey) }),
    ...(kind === 'input' ? { whitespace: true } : {}),
  };
}

export function maxLength(labelKey: string, max: number): FormItemRule {
  return { max, trigger: 'blur', message: () => t('validation.maxLength', { field: field(labelKey), max }) };
}

export function minLength(labelKey: string, min: number): FormItemRule {
  return { min, trigger: 'blur', message: () => t('validation.minLength', { field: field(labelKey), min }) };
}

export function pattern(regex: RegExp, messageKey: string): FormItemRule {
  return { pattern: regex, trigger: 'blur', message: () => t(messageKey) };
}

export function email(): FormItemRule {
  return { type: 'email', trigger: 'blur', message: () => t('validation.email') };
}

/** Same as the API's DTOs; the API decides, these only save a round trip. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,63}$/;
export const ROLE_CODE_PATTERN = /^[a-z][a-z0-9_-]{1,49}$/;
export const ORGANISATION_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/;

/** Rules of a password field: required, and within the policy's length bounds. */
export function passwordRules(labelKey: string, minimum = PASSWORD_MIN_LENGTH): FormItemRule[] {
  return [{ ...required(labelKey), whitespace: false }, minLength(labelKey, minimum), maxLength(labelKey, PASSWORD_MAX_LENGTH)];
}
