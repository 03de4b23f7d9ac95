/**
 * Authenticated-data context of `client.wechat_open_id_cipher` and of its blind index: the client
 * service writes with it and the notification recipients read with it.
 */
export const WECHAT_OPEN_ID_CONTEXT = 'client.wechat_open_id';

/**
 * A WeChat Official Account openid as accepted for binding. Real openids are 28 characters of
 * letters, digits, `_` and `-`; the length bounds are loose (openids of other account types and
 * test accounts differ), the character set is not.
 */
export const WECHAT_OPEN_ID_PATTERN = /^[A-Za-z0-9_-]{10,64}$/;

/**
 * First 4 and last 4 characters around `****` (`o6_b****fL2M`). Openids under 16 characters keep
 * only 2 at each end, so that the masked copy never shows most of the value.
 */
export function maskWechatOpenId(openId: string): string {
  const shown = openId.length >= 16 ? 4 : 2;
  return `${openId.slice(0, shown)}****${openId.slice(-shown)}`;
}
