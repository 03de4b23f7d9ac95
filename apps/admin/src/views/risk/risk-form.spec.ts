import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale } from '@/i18n';
import { bpGrade, cdrs, phq9, tcm60 } from '@/test/risk';
import {
  answerItemKey,
  answersSchema,
  emptyValues,
  fieldErrors,
  fieldProblem,
  formFields,
  prefillValues,
  requestBody,
} from './risk-form';

afterEach(() => applyLocale('zh-CN'));

describe('schema → form fields', () => {
  it('gives numbers their unit and the accepted range as a hint, without clamping bounds', () => {
    const [age, sbp] = formFields(bpGrade);
    expect(sbp).toMatchObject({ name: 'sbp', kind: 'number', required: true, label: '收缩压', unit: 'mmHg', min: 50, max: 300 });
    expect(sbp!.hint).toBe('范围 50–300 mmHg');
    expect(age!.hint).toBe('范围 18–130 岁；周岁');
  });

  it('puts required inputs first and keeps optional booleans with their note', () => {
    const fields = formFields({ inputs: [bpGrade.inputs[3]!, bpGrade.inputs[1]!] });
    expect(fields.map((field) => [field.name, field.required])).toEqual([
      ['sbp', true],
      ['onAntihypertensive', false],
    ]);
    expect(fields[1]).toMatchObject({ kind: 'boolean', hint: '仅记录，不改变分级' });
  });

  it('offers enum values with readable labels', () => {
    const history = formFields(cdrs).find((field) => field.name === 'familyHistoryDiabetes')!;
    expect(history.options).toEqual([
      { value: 'none', label: '无' },
      { value: 'second_degree', label: '二级亲属' },
      { value: 'first_degree', label: '一级亲属' },
    ]);
  });

  it('turns a questionnaire into items on its scale, one group per TCM constitution type', () => {
    const [answers] = formFields(phq9);
    expect(answers!.groups).toEqual([{ key: null, label: '答案', items: 9 }]);
    expect(answers!.options.map((option) => option.value)).toEqual([0, 1, 2, 3]);
    expect(answers!.hint).toBe('共 9 题，每题 0–3 分');

    const [tcm] = formFields(tcm60);
    expect(tcm!.groups).toEqual([
      { key: '平和质', label: '平和质', items: 8 },
      { key: '气虚质', label: '气虚质', items: 8 },
    ]);
    expect(tcm!.options.map((option) => option.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('ignores an answers description it cannot use', () => {
    expect(answersSchema({ answers: { min: 3, max: 1, items: 4 } })).toBeNull();
    expect(answersSchema({ answers: { min: 0, max: 3 } })).toBeNull();
    expect(answersSchema({})).toBeNull();
  });

  it('follows the language switch', () => {
    applyLocale('en');
    const [age, sbp] = formFields(bpGrade);
    expect(sbp!.label).toBe('systolic blood pressure');
    expect(age!.hint).toBe('Range 18–130 岁; completed years');
  });
});

describe('form values → request body', () => {
  it('starts empty: null inputs and unanswered questionnaire items', () => {
    expect(emptyValues(formFields(bpGrade))).toEqual({ age: null, sbp: null, dbp: null, onAntihypertensive: null });
    expect(emptyValues(formFields(phq9))).toEqual({ answers: Array(9).fill(null) });
    const tcm = emptyValues(formFields(tcm60));
    expect(tcm['answers']).toEqual({ 平和质: Array(8).fill(null), 气虚质: Array(8).fill(null) });
  });

  it('drops empty optional fields and keeps false, zero and the chosen enum', () => {
    const fields = formFields(bpGrade);
    expect(requestBody(fields, { age: 52, sbp: 146, dbp: 92, onAntihypertensive: null })).toEqual({ age: 52, sbp: 146, dbp: 92 });
    expect(requestBody(fields, { age: 52, sbp: 146, dbp: 92, onAntihypertensive: false })).toEqual({
      age: 52,
      sbp: 146,
      dbp: 92,
      onAntihypertensive: false,
    });
    expect(requestBody(formFields(phq9), { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] })).toEqual({ answers: Array(9).fill(0) });
    expect(requestBody(formFields(cdrs), { sex: 'female', bmi: null, familyHistoryDiabetes: 'none', tcMmol: 5.2 })).toEqual({
      sex: 'female',
      familyHistoryDiabetes: 'none',
      tcMmol: 5.2,
    });
  });

  it('copies answers so later edits of the form do not change a sent body', () => {
    const values = { answers: { 平和质: [1, 2, 3, 4, 5, 1, 2, 3], 气虚质: [1, 1, 1, 1, 1, 1, 1, 1] } };
    const body = requestBody(formFields(tcm60), values) as { answers: Record<string, number[]> };
    values.answers.平和质[0] = 5;
    expect(body.answers['平和质']![0]).toBe(1);
  });

  it('asks for required inputs and complete questionnaires before sending; ranges are the API’s to judge', () => {
    const [age, sbp, , treated] = formFields(bpGrade);
    expect(fieldProblem(sbp!, null)).toBe('请填写收缩压');
    expect(fieldProblem(treated!, null)).toBeNull();
    expect(fieldProblem(age!, 5)).toBeNull();
    const [answers] = formFields(phq9);
    expect(fieldProblem(answers!, Array(9).fill(null))).toBe('请填写答案');
    expect(fieldProblem(answers!, [0, 1, 2, null, 0, 0, 0, null, 0])).toBe('还有 2 题未作答');
    expect(fieldProblem(answers!, Array(9).fill(1))).toBeNull();
  });
});

describe('422 details → field errors', () => {
  it('puts each message on its field, in the current language', () => {
    const details = [
      {
        field: 'dbp',
        code: 'OUT_OF_RANGE',
        message: '舒张压 95 mmHg 必须低于收缩压 90 mmHg / diastolic pressure 95 mmHg must be below systolic pressure 90 mmHg',
      },
      { field: 'age', code: 'NOT_APPLICABLE', message: '年龄 12 岁不在适用人群 / age 12 is outside the population' },
    ];
    expect(fieldErrors(details, formFields(bpGrade))).toEqual({
      fields: { dbp: '舒张压 95 mmHg 必须低于收缩压 90 mmHg', age: '年龄 12 岁不在适用人群' },
      items: {},
      other: [],
    });
    applyLocale('en');
    expect(fieldErrors(details, formFields(bpGrade)).fields['dbp']).toBe(
      'diastolic pressure 95 mmHg must be below systolic pressure 90 mmHg',
    );
  });

  it('marks the questionnaire item named by the field path, plain or grouped', () => {
    const phq = fieldErrors(
      [{ field: 'answers[8]', code: 'OUT_OF_RANGE', message: '第9题超出 0–3 / item 9 outside 0–3' }],
      formFields(phq9),
    );
    expect(phq.items).toEqual({ [answerItemKey(null, 8)]: '第9题超出 0–3' });
    expect(phq.fields['answers']).toBe('第9题超出 0–3');

    const tcm = fieldErrors(
      [
        { field: 'answers.平和质[1]', code: 'OUT_OF_RANGE', message: '同一问题答案必须相同 / same question, same answer' },
        { field: 'answers.气虚质[0]', code: 'OUT_OF_RANGE', message: '同一问题 / same question' },
      ],
      formFields(tcm60),
    );
    expect(Object.keys(tcm.items)).toEqual(['平和质#1', '气虚质#0']);
    expect(tcm.fields['answers']).toBe('同一问题答案必须相同；同一问题');
  });

  it('keeps errors naming no field of the form apart', () => {
    const result = fieldErrors(
      [
        { code: 'OUT_OF_RANGE', message: 'whole body / whole body' },
        { field: 'ldlMmol', message: 'x' },
      ],
      formFields(bpGrade),
    );
    expect(result.fields).toEqual({});
    expect(result.other).toEqual(['whole body', 'x']);
  });
});

describe('prefill from a client’s inputs used', () => {
  it('takes what fits each field, later sources winning, and says what it filled', () => {
    const fields = formFields(cdrs);
    const { values, filled } = prefillValues(fields, emptyValues(fields), [
      { sex: 'male', tcMmol: 4.9, bmi: 'high' },
      { tcMmol: 5.6, familyHistoryDiabetes: 'cousin', smoker: true },
    ]);
    expect(values).toEqual({ sex: 'male', bmi: null, familyHistoryDiabetes: null, tcMmol: 5.6 });
    expect(filled).toEqual(['sex', 'tcMmol']);
  });

  it('takes stored answers only when they match the questionnaire', () => {
    const [answers] = formFields(phq9);
    const base = emptyValues([answers!]);
    expect(prefillValues([answers!], base, [{ answers: [0, 1, 2, 3, 0, 1, 2, 3, 0] }]).filled).toEqual(['answers']);
    expect(prefillValues([answers!], base, [{ answers: [0, 1, 2] }]).filled).toEqual([]);
    expect(prefillValues([answers!], base, [{ answers: Array(9).fill(4) }]).filled).toEqual([]);
    const [tcm] = formFields(tcm60);
    const stored = { 平和质: Array(8).fill(3), 气虚质: Array(8).fill(2) };
    expect(prefillValues([tcm!], emptyValues([tcm!]), [{ answers: stored }]).values['answers']).toEqual(stored);
  });
});
