/** Advice categories (饮食, 运动, 心理, 中医调养, 就医建议), in the order a set shows them when priorities tie. */
export const ADVICE_CATEGORIES = ['diet', 'exercise', 'mental', 'tcm', 'medical'] as const;

export type AdviceCategory = (typeof ADVICE_CATEGORIES)[number];
