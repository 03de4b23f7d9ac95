import type { FormItemRule } from 'element-plus';
import { ApiError } from '@/api/errors';
import type { Client } from '@/api/types';
import { t } from '@/i18n';

/** The API's rule (10–64 letters, digits, `_` or `-`); the API decides, this only saves a round trip. */
export const WECHAT_OPEN_ID_PATTERN = /^[A-Za-z0-9_-]{10,64}$/;

type Validator = NonNullable<FormItemRule['validator']>;

/** An empty field is left to `required`; a pasted openid may carry spaces around it, which are dropped when sent. */
export function openIdRule(): FormItemRule {
  const validator: Validator = (_rule, value: string, callback) => {
    const openId = (value ?? '').trim();
    if (!openId || WECHAT_OPEN_ID_PATTERN.test(openId)) return callback();
    callback(new Error(t('clients.wechat.openIdInvalid')));
  };
  return { trigger: 'blur', validator };
}

/** The client that already holds the openid, named by a 409 `WECHAT_ALREADY_BOUND`. */
export function boundToClientId(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.code !== 'WECHAT_ALREADY_BOUND') return undefined;
  return err.details.find((detail) => detail.code === 'existingClientId')?.message;
}

/** The client as the API describes it after `DELETE …/wechat-binding` (which answers 204 without a body). */
export function withoutWechatBinding(client: Client): Client {
  return { ...client, wechatBound: false, wechatOpenIdMasked: null, wechatBoundAt: null };
}
