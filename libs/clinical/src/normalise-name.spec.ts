import { normaliseName } from './normalise-name';

describe('normaliseName', () => {
  it('applies NFKC: full-width letters, digits and brackets become ASCII', () => {
    expect(normaliseName('（ＡＬＴ）')).toBe('(alt)');
    expect(normaliseName('丙氨酸氨基转移酶（ALT）')).toBe('丙氨酸氨基转移酶(alt)');
    expect(normaliseName('糖类抗原１２５')).toBe('糖类抗原125');
  });

  it('maps 【】〔〕[] (and full-width ［］) to ()', () => {
    expect(normaliseName('【血糖】')).toBe('(血糖)');
    expect(normaliseName('〔尿〕葡萄糖')).toBe('(尿)葡萄糖');
    expect(normaliseName('中性粒细胞[%]')).toBe('中性粒细胞(%)');
    expect(normaliseName('中性粒细胞［％］')).toBe('中性粒细胞(%)');
  });

  it('unifies －, – and — to -', () => {
    for (const name of ['血压－收缩压', '血压–收缩压', '血压—收缩压', '血压-收缩压']) {
      expect(normaliseName(name)).toBe('血压-收缩压');
    }
  });

  it('removes all whitespace, including the ideographic space', () => {
    expect(normaliseName(' 总 胆固醇\t')).toBe('总胆固醇');
    expect(normaliseName('总\u3000胆固醇')).toBe('总胆固醇');
    expect(normaliseName('CA 125')).toBe('ca125');
  });

  it('lower-cases ASCII letters only', () => {
    expect(normaliseName('HbA1c')).toBe('hba1c');
    expect(normaliseName('γ-GT')).toBe('γ-gt');
    expect(normaliseName('Γ-GT')).toBe('Γ-gt');
  });

  it('drops a trailing : or 。 (full-width ： is : after NFKC) but keeps inner ones', () => {
    expect(normaliseName('血糖:')).toBe('血糖');
    expect(normaliseName('血糖：')).toBe('血糖');
    expect(normaliseName('心电图。')).toBe('心电图');
    expect(normaliseName('血糖 ： ')).toBe('血糖');
    expect(normaliseName('A:G')).toBe('a:g');
  });

  it('normalises every spelling of one alias to the same key', () => {
    expect(normaliseName('身高（cm）')).toBe(normaliseName('身高(cm)'));
    expect(normaliseName('载脂蛋白AⅠ')).toBe('载脂蛋白ai');
  });
});
