import { Injectable } from '@nestjs/common';
import { renderTemplate } from '../templates/template-render';
import { Delivery, failed, NotificationChannelSender, SendOutcome, sent } from './channel-sender';
import { HttpCallError, httpCall, isSuccess } from './http-call';
import { WechatTokenCache } from './wechat-token.cache';

/** errcodes meaning the access token is no longer valid: fetch a new one and try once more. */
const STALE_TOKEN_CODES = new Set([40001, 40014, 42001]);
/** errcodes worth retrying later: WeChat busy (-1) and rate limits. */
const TRANSIENT_CODES = new Set([-1, 45009, 45047]);

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

type TokenResult = { token: string } | { outcome: SendOutcome };

function parse(body: string): WechatAnswer {
  try {
    return JSON.parse(body) as WechatAnswer;
  } catch {
    return { errcode: -1 };
  }
}

/**
 * WeChat Official Account template messages: fetches and caches the access token, sends the
 * template with its fields rendered from the variables, and on a stale-token errcode refreshes
 * the token once.
 */
@Injectable()
export class WechatSender implements NotificationChannelSender {
  readonly channel = 'wechat' as const;

  constructor(private readonly tokens: WechatTokenCache) {}

  async send(delivery: Delivery): Promise<SendOutcome> {
    const wechat = delivery.settings.wechat;
    if (!wechat) return failed('wechat_not_configured', false);
    if (!delivery.template.wechatTemplateId) return failed('wechat_template_not_configured', false);
    const openId = delivery.client?.wechatOpenId;
    if (!openId) return failed('no_wechat_binding', false);
    const data: Record<string, { value: string }> = {};
    for (const [field, text] of Object.entries(delivery.template.wechatFields)) {
      const rendered = renderTemplate(text, delivery.variables);
      if (!rendered.ok) return failed('template_variable_missing', false);
      data[field] = { value: rendered.text };
    }
    const message = JSON.stringify({ touser: openId, template_id: delivery.template.wechatTemplateId, data });
    try {
      for (let refreshed = false; ; refreshed = true) {
        const token = await this.token(delivery, refreshed);
        if ('outcome' in token) return token.outcome;
        const answer = await httpCall(
          `${wechat.apiBase}/cgi-bin/message/template/send?access_token=${encodeURIComponent(token.token)}`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
            body: message,
          },
        );
        if (!isSuccess(answer.status)) return failed(`http_${answer.status}`, true, answer.status);
        const code = parse(answer.body).errcode ?? 0;
        if (code === 0) return sent(answer.status);
        if (STALE_TOKEN_CODES.has(code) && !refreshed) {
          await this.tokens.invalidate(delivery.notification.orgId, wechat.appId);
          continue;
        }
        return failed(`wechat_errcode_${code}`, TRANSIENT_CODES.has(code) || STALE_TOKEN_CODES.has(code), answer.status);
      }
    } catch (err) {
      if (err instanceof HttpCallError) return failed(err.reason, true);
      throw err;
    }
  }

  /** The cached token, or a new one from WeChat (always a new one when `fresh`). */
  private async token(delivery: Delivery, fresh: boolean): Promise<TokenResult> {
    const wechat = delivery.settings.wechat!;
    const orgId = delivery.notification.orgId;
    if (!fresh) {
      const cached = await this.tokens.get(orgId, wechat.appId);
      if (cached) return { token: cached };
    }
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: wechat.appId, secret: wechat.secret });
    const answer = await httpCall(`${wechat.apiBase}/cgi-bin/token?${query.toString()}`, { method: 'GET' });
    if (!isSuccess(answer.status)) return { outcome: failed(`http_${answer.status}`, true, answer.status) };
    const body = parse(answer.body);
    if (!body.access_token) {
      const code = body.errcode ?? -1;
      // Wrong app id or secret will not fix itself; WeChat being busy may.
      return { outcome: failed(`wechat_token_errcode_${code}`, TRANSIENT_CODES.has(code), answer.status) };
    }
    await this.tokens.set(orgId, wechat.appId, body.access_token, body.expires_in ?? 7200);
    return { token: body.access_token };
  }
}
