/** How a follow-up is done; the Chinese labels are what the admin and message templates show. */
export const FOLLOW_UP_METHODS = ['phone', 'sms', 'wechat', 'visit', 'clinic', 'online_survey'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export const FOLLOW_UP_METHOD_LABELS: Readonly<Record<FollowUpMethod, string>> = {
  phone: '电话',
  sms: '短信',
  wechat: '微信',
  visit: '上门',
  clinic: '门诊',
  online_survey: '在线问卷',
};

/** Client channels a step may remind the client on (the notification contract's client channels). */
export const CLIENT_REMINDER_CHANNELS = ['sms', 'wechat', 'webhook'] as const;
export type ClientReminderChannel = (typeof CLIENT_REMINDER_CHANNELS)[number];
