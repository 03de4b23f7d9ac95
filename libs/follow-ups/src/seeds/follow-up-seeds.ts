import type { Condition } from '@health/archives';
import type { FollowUpTemplateValues } from '../templates/follow-up-template.repository';
import type { FollowUpStep } from '../templates/template-steps';

export interface FollowUpSeed {
  seedKey: string;
  /** Seed keys of the archives' seeded tags the trigger names (resolved to the organisation's tag ids). */
  tagSeedKeys: string[];
  values(tagIds: string[]): FollowUpTemplateValues;
}

/** China-PAR's 高危 category: the chronic plans call monthly for these clients, quarterly otherwise. */
const HIGH_ASCVD_RISK: Condition = { '==': [{ var: 'risk.china-par.category' }, 'high'] };

const phone = (step: Partial<FollowUpStep> & Pick<FollowUpStep, 'title'>): FollowUpStep => ({
  windowDaysBefore: 0,
  windowDaysAfter: 7,
  method: 'phone',
  questionnaireId: null,
  assignee: 'client_manager',
  reminderLeadMinutes: 0,
  clientChannels: [],
  ...step,
});

/**
 * Chronic follow-up for one disease tag: 12 monthly calls when China-PAR puts the client at high
 * risk, otherwise 4 quarterly ones, both over a year. Two steps with opposite conditions keep it
 * one template; the condition is read when the plan starts (a later risk change does not replan).
 */
function chronic(disease: string): (tagIds: string[]) => FollowUpTemplateValues {
  return (tagIds) => ({
    name: `${disease}慢病随访`,
    description: `新增“${disease}”标签时开始：China-PAR 高危每月一次，其余每季度一次，为期一年。`,
    trigger: { type: 'tag.added', tagIds },
    condition: null,
    steps: [
      phone({ title: `${disease}月度随访（高危）`, offset: 'P1M', rrule: 'FREQ=MONTHLY;COUNT=12', condition: HIGH_ASCVD_RISK }),
      phone({
        title: `${disease}季度随访`,
        offset: 'P3M',
        rrule: 'FREQ=MONTHLY;INTERVAL=3;COUNT=4',
        windowDaysAfter: 14,
        condition: { '!': HIGH_ASCVD_RISK },
      }),
    ],
    stopWhenCardEnds: true,
    active: true,
  });
}

/** The templates a health-check center starts with. */
export const FOLLOW_UP_SEEDS: readonly FollowUpSeed[] = [
  {
    seedKey: 'post-exam',
    tagSeedKeys: [],
    values: () => ({
      name: '检后随访',
      description: '体检报告有异常项时开始：检后1周、1个月、3个月各电话随访一次。',
      trigger: { type: 'report.ingested' },
      condition: null,
      steps: [
        phone({ title: '检后1周随访', offset: 'P7D', windowDaysAfter: 3 }),
        phone({ title: '检后1个月随访', offset: 'P1M' }),
        phone({ title: '检后3个月随访', offset: 'P3M', windowDaysAfter: 14 }),
      ],
      stopWhenCardEnds: false,
      active: true,
    }),
  },
  { seedKey: 'chronic-hypertension', tagSeedKeys: ['hypertension'], values: chronic('高血压') },
  { seedKey: 'chronic-diabetes', tagSeedKeys: ['diabetes'], values: chronic('糖尿病') },
  {
    seedKey: 'new-card-welcome',
    tagSeedKeys: [],
    values: () => ({
      name: '新卡欢迎电话',
      description: '开卡后次日致电欢迎，介绍服务内容。',
      trigger: { type: 'card.opened' },
      condition: null,
      steps: [phone({ title: '新卡欢迎电话', offset: 'P1D', windowDaysAfter: 2 })],
      stopWhenCardEnds: true,
      active: true,
    }),
  },
];
