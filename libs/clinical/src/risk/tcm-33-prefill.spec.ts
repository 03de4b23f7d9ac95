import { prefillTcm33, tcm33AbdomenAnswer, tcm33BodyWeightAnswer } from './tcm-33-prefill';

describe('TCM-33 prefill from measurements', () => {
  it.each([
    [61.4, 1], // BMI 23.98
    [61.44, 2], // BMI 24 exactly, 23.999999999999993 without the guard
    [63.9, 2],
    [64, 3], // 25
    [66.5, 3],
    [66.56, 4], // 26
    [71.6, 4],
    [71.68, 5], // 28
  ])('item 9 at 160 cm and %f kg is %i', (weightKg, answer) => {
    expect(tcm33BodyWeightAnswer(160, weightKg)).toBe(answer);
  });

  it.each([
    [79.4, 1],
    [79.5, 2],
    [85, 2],
    [85.4, 2],
    [85.5, 3],
    [90, 3],
    [90.5, 4],
    [105, 4],
    [105.4, 4],
    [105.5, 5],
    [130, 5],
  ])('item 28 for a waist of %f cm (rounded to whole cm first) is %i', (waistCm, answer) => {
    expect(tcm33AbdomenAnswer(waistCm)).toBe(answer);
  });

  it('leaves the question to be asked when a measurement is missing or implausible (§1.4)', () => {
    expect(tcm33BodyWeightAnswer(undefined, 60)).toBeUndefined();
    expect(tcm33BodyWeightAnswer(90, 60)).toBeUndefined();
    expect(tcm33BodyWeightAnswer(170, Number.NaN)).toBeUndefined();
    expect(tcm33BodyWeightAnswer(100, 300)).toBeUndefined(); // BMI 300
    expect(tcm33AbdomenAnswer(39)).toBeUndefined();
    expect(tcm33AbdomenAnswer(undefined)).toBeUndefined();
  });

  it('prefills whatever the measurements allow', () => {
    expect(prefillTcm33({ heightCm: 160, weightKg: 61.44, waistCm: 86 })).toEqual({ item9: 2, item28: 3 });
    expect(prefillTcm33({ waistCm: 70 })).toEqual({ item28: 1 });
    expect(prefillTcm33({ heightCm: 170 })).toEqual({});
  });
});
