import type { Sex } from './risk-model';
import { TCM_TYPES, type TcmTypeName } from './tcm-constitutions';

/**
 * The items of 《中医体质分类与判定》ZYYXH/T157-2009 (§7.3) per type, in printed order. Wording from
 * the specification (itself from secondary copies of the standard).
 */
export interface Tcm60Item {
  text: string;
  /** Scored 6 − answer. */
  reverse?: true;
  /**
   * The same question as an item listed earlier in the table: it is asked once and that answer is
   * reused here, so a calculator input must carry the same answer in both places.
   */
  sameAs?: { type: TcmTypeName; index: number };
  /** Asked only of this sex: 湿热质's last item. */
  sex?: Sex;
}

/** Items per type; `index` everywhere is the 0-based position in the type's answer list. */
export const TCM60_ITEMS: Readonly<Record<TcmTypeName, readonly Tcm60Item[]>> = {
  平和质: [
    { text: '精力充沛' },
    { text: '容易疲乏', reverse: true },
    { text: '说话声音低弱无力', reverse: true },
    { text: '闷闷不乐、情绪低沉', reverse: true },
    { text: '比一般人耐受不了寒冷', reverse: true },
    { text: '能适应外界自然和社会环境的变化' },
    { text: '容易失眠', reverse: true },
    { text: '容易忘事', reverse: true },
  ],
  气虚质: [
    { text: '容易疲乏', sameAs: { type: '平和质', index: 1 } },
    { text: '容易气短' },
    { text: '容易心慌' },
    { text: '容易头晕或站起时晕眩' },
    { text: '比别人容易患感冒' },
    { text: '喜欢安静、懒得说话' },
    { text: '说话声音低弱无力', sameAs: { type: '平和质', index: 2 } },
    { text: '活动量稍大就容易出虚汗' },
  ],
  阳虚质: [
    { text: '手脚发凉' },
    { text: '胃脘部、背部或腰膝部怕冷' },
    { text: '感到怕冷、衣服比别人穿得多' },
    { text: '比一般人耐受不了寒冷', sameAs: { type: '平和质', index: 4 } },
    { text: '比别人容易患感冒', sameAs: { type: '气虚质', index: 4 } },
    { text: '吃(喝)凉的东西不舒服或怕吃凉' },
    { text: '受凉或吃(喝)凉后容易腹泻' },
  ],
  阴虚质: [
    { text: '手脚心发热' },
    { text: '身体、脸上发热' },
    { text: '皮肤或口唇干' },
    { text: '口唇颜色比一般人红' },
    { text: '容易便秘或大便干燥' },
    { text: '面部两颧潮红或偏红' },
    { text: '眼睛干涩' },
    { text: '口干咽燥、总想喝水' },
  ],
  痰湿质: [
    { text: '胸闷或腹部胀满' },
    { text: '身体沉重不轻松' },
    { text: '腹部肥满松软' },
    { text: '额部油脂分泌多' },
    { text: '上眼睑比别人肿' },
    { text: '嘴里有黏黏的感觉' },
    { text: '平时痰多、咽喉部总感到有痰堵着' },
    { text: '舌苔厚腻或有舌苔厚厚的感觉' },
  ],
  // Seven texts, six answered: the last answer is the item for the person's own sex.
  湿热质: [
    { text: '面部或鼻部油腻或油亮发光' },
    { text: '易生痤疮或疮疖' },
    { text: '口苦或嘴里有异味' },
    { text: '大便黏滞不爽、有解不尽的感觉' },
    { text: '小便时尿道有发热感、尿色浓' },
    { text: '带下色黄', sex: 'female' },
    { text: '阴囊部位潮湿', sex: 'male' },
  ],
  血瘀质: [
    { text: '皮肤不知不觉出现青紫瘀斑' },
    { text: '两颧部有细微红丝' },
    { text: '身体上有哪里疼痛' },
    { text: '面色晦黯或容易出现褐斑' },
    { text: '容易有黑眼圈' },
    { text: '容易忘事', sameAs: { type: '平和质', index: 7 } },
    { text: '口唇颜色偏黯' },
  ],
  气郁质: [
    { text: '闷闷不乐、情绪低沉', sameAs: { type: '平和质', index: 3 } },
    { text: '精神紧张、焦虑不安' },
    { text: '多愁善感、感情脆弱' },
    { text: '容易感到害怕或受到惊吓' },
    { text: '胁肋部或乳房胀痛' },
    { text: '无缘无故叹气' },
    { text: '咽喉部有异物感' },
  ],
  特禀质: [
    { text: '没感冒也打喷嚏' },
    { text: '没感冒也鼻塞、流鼻涕' },
    { text: '因季节变化、温度变化或异味等原因咳喘' },
    { text: '容易过敏' },
    { text: '皮肤容易起荨麻疹' },
    { text: '皮肤因过敏出现过紫癜' },
    { text: '皮肤一抓就红并出现抓痕' },
  ],
};

/** The items a person of `sex` answers for `type`, in answer order (n of §7.3: 湿热质 has 6). */
export function tcm60ItemsFor(type: TcmTypeName, sex: Sex): readonly Tcm60Item[] {
  return TCM60_ITEMS[type].filter((item) => item.sex === undefined || item.sex === sex);
}

/** How many answers each type takes (n of §7.3). */
export function tcm60ItemCount(type: TcmTypeName): number {
  const items = TCM60_ITEMS[type];
  return items.filter((item) => item.sex === undefined).length + (items.some((item) => item.sex !== undefined) ? 1 : 0);
}

/** One question as asked, and every place in the calculator's `answers` its answer goes. */
export interface Tcm60Question {
  text: string;
  targets: { type: TcmTypeName; index: number }[];
}

/**
 * The 60 distinct questions a person of `sex` is asked, in table order, each shared question once
 * at its first appearance. The questionnaire module asks these and fills `answers[type][index]`
 * for every target.
 */
export function tcm60Questions(sex: Sex): Tcm60Question[] {
  const questions: Tcm60Question[] = [];
  const byFirstPlace = new Map<string, Tcm60Question>();
  for (const { name: type } of TCM_TYPES) {
    tcm60ItemsFor(type, sex).forEach((item, index) => {
      const target = { type, index };
      const first = item.sameAs ? byFirstPlace.get(`${item.sameAs.type}[${item.sameAs.index}]`) : undefined;
      if (first) {
        first.targets.push(target);
        return;
      }
      const question = { text: item.text, targets: [target] };
      questions.push(question);
      byFirstPlace.set(`${type}[${index}]`, question);
    });
  }
  return questions;
}
