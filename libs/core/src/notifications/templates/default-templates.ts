import { NotificationChannel } from '../notification.types';

export interface DefaultMessageTemplate {
  code: string;
  channel: NotificationChannel;
  textZh: string;
  /** WeChat template message field → text with placeholders (the template id is the organisation's own). */
  wechatFields: Record<string, string>;
}

/**
 * Variables every template may use besides the request's own: `orgName` (the organisation) and
 * `recipientName` (the staff member's display name or the client's name).
 */
export const BUILT_IN_VARIABLES = ['orgName', 'recipientName'] as const;

/**
 * The texts every organisation starts with. The follow-up module passes `clientName`, `method`
 * (随访方式, e.g. 电话) and `dueDate` (YYYY-MM-DD).
 */
export const DEFAULT_MESSAGE_TEMPLATES: readonly DefaultMessageTemplate[] = [
  {
    code: 'follow-up.task-due',
    channel: 'in_app',
    textZh: '随访任务到期：请在{{dueDate}}前完成客户{{clientName}}的{{method}}随访。',
    wechatFields: {},
  },
  {
    code: 'follow-up.task-due',
    channel: 'webhook',
    textZh: '随访任务到期：请在{{dueDate}}前完成客户{{clientName}}的{{method}}随访。',
    wechatFields: {},
  },
  {
    code: 'follow-up.reminder',
    channel: 'sms',
    textZh: '【{{orgName}}】{{recipientName}}您好，您的健康随访（{{method}}）安排在{{dueDate}}，届时健康管理师将与您联系。',
    wechatFields: {},
  },
  {
    code: 'follow-up.reminder',
    channel: 'webhook',
    textZh: '【{{orgName}}】{{recipientName}}您好，您的健康随访（{{method}}）安排在{{dueDate}}，届时健康管理师将与您联系。',
    wechatFields: {},
  },
  {
    code: 'follow-up.reminder',
    channel: 'wechat',
    textZh: '{{recipientName}}您好，您的健康随访（{{method}}）安排在{{dueDate}}。',
    wechatFields: {
      first: '{{recipientName}}您好，您有一次健康随访即将进行。',
      keyword1: '{{method}}',
      keyword2: '{{dueDate}}',
      remark: '届时{{orgName}}的健康管理师将与您联系。',
    },
  },
  {
    code: 'follow-up.missed',
    channel: 'in_app',
    textZh: '随访逾期：客户{{clientName}}的{{method}}随访应于{{dueDate}}前完成，现已错过，请跟进。',
    wechatFields: {},
  },
  {
    code: 'follow-up.missed',
    channel: 'webhook',
    textZh: '随访逾期：客户{{clientName}}的{{method}}随访应于{{dueDate}}前完成，现已错过，请跟进。',
    wechatFields: {},
  },
  {
    code: 'follow-up.escalated',
    channel: 'in_app',
    textZh: '随访升级：客户{{clientName}}的{{method}}随访（{{title}}）需要您跟进处理。',
    wechatFields: {},
  },
  {
    code: 'follow-up.escalated',
    channel: 'webhook',
    textZh: '随访升级：客户{{clientName}}的{{method}}随访（{{title}}）需要您跟进处理。',
    wechatFields: {},
  },
];
