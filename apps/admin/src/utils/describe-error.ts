import { ApiError, NETWORK_ERROR } from '@/api/errors';
import { i18n, t } from '@/i18n';

const te = (key: string) => i18n.global.te(key);

/** Localised reasons from a 400 PASSWORD_POLICY_VIOLATION (`details[].code`). */
export function passwordPolicyProblems(err: ApiError): string[] {
  return err.details
    .map((detail) => detail.code)
    .filter((code): code is string => !!code && te(`password.policy.${code}`))
    .map((code) => t(`password.policy.${code}`));
}

function byStatus(status: number): string | undefined {
  if (status === 0) return t(`errors.${NETWORK_ERROR}`);
  if (status === 401) return t('errors.UNAUTHORIZED');
  if (status === 403) return t('errors.FORBIDDEN');
  if (status === 404) return t('errors.NOT_FOUND');
  if (status === 409) return t('errors.CONFLICT');
  if (status === 400) return t('errors.VALIDATION_FAILED');
  if (status >= 500) return t('errors.SERVER_ERROR');
  return undefined;
}

/**
 * A message for staff in their language. The API's own `message` is English and meant for
 * developers, so it is only shown when the code is unknown to the admin.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.UNKNOWN', { message: err instanceof Error ? err.message : String(err) });
  const wait = err.retryAfterSeconds;
  switch (err.code) {
    case 'ACCOUNT_LOCKED':
      return wait
        ? t('errors.ACCOUNT_LOCKED', { minutes: Math.max(1, Math.ceil(wait / 60)) })
        : t('errors.ACCOUNT_LOCKED_NO_TIME');
    case 'RATE_LIMITED':
      return wait ? t('errors.RATE_LIMITED', { seconds: wait }) : t('errors.RATE_LIMITED_NO_TIME');
    case 'PASSWORD_POLICY_VIOLATION': {
      const problems = passwordPolicyProblems(err);
      if (problems.length === 0) return t('errors.PASSWORD_POLICY_VIOLATION');
      const [colon, separator] = i18n.global.locale.value === 'zh-CN' ? ['：', '；'] : [': ', '; '];
      return `${t('errors.PASSWORD_POLICY_VIOLATION')}${colon}${problems.join(separator)}`;
    }
  }
  if (te(`errors.${err.code}`)) return t(`errors.${err.code}`);
  return byStatus(err.status) ?? t('errors.UNKNOWN', { message: err.message });
}

export function notifyError(err: unknown): void {
  ElMessage.error({ message: describeError(err), grouping: true, showClose: true });
}
