import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { reasonText } from './notifications.schema';

const known = (key: string) => i18n.global.te(key);

describe('reasonText', () => {
  it('words a known reason, an HTTP status, and keeps an unknown code as is', () => {
    expect(reasonText('no_consent', known)).toBe('客户未同意接收提醒');
    expect(reasonText('http_503', known)).toBe('对方返回 HTTP 503');
    expect(reasonText('wechat_40037', known)).toBe('wechat_40037');
    expect(reasonText(null, known)).toBe('—');
  });

  it('resolves the template names of follow-up messages', () => {
    expect(i18n.global.t('notifications.templateCodes.follow-up.task-due')).toBe('随访任务到期（员工）');
  });
});
