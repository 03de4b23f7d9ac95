import { residentIdCheckChar } from '../clients/client-identity';

/** A small deterministic generator, so every demo database holds the same people. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢'.split(
  '',
);
const MALE_GIVEN = [
  '伟',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '鑫',
  '波',
  '斌',
  '宇',
  '浩',
  '凯',
  '健',
  '俊',
  '志强',
  '建国',
  '国华',
  '文博',
  '子轩',
  '海涛',
];
const FEMALE_GIVEN = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '秀英',
  '桂英',
  '玉兰',
  '萍',
  '红',
  '玲',
  '洁',
  '琳',
  '雪',
  '慧',
  '婷',
  '倩',
  '颖',
  '晓燕',
  '丽华',
  '淑珍',
  '雅琴',
  '梦瑶',
  '欣怡',
  '思涵',
];

/** Real county-level codes of GB/T 2260 with the district names used in the addresses. */
const REGIONS: readonly [code: string, address: string][] = [
  ['110101', '北京市东城区东四十条'],
  ['110105', '北京市朝阳区望京街道'],
  ['310104', '上海市徐汇区漕溪北路'],
  ['310115', '上海市浦东新区张杨路'],
  ['440106', '广州市天河区体育西路'],
  ['440305', '深圳市南山区科技园'],
  ['330106', '杭州市西湖区文三路'],
  ['320102', '南京市玄武区中山路'],
  ['420106', '武汉市武昌区中南路'],
  ['510107', '成都市武侯区科华北路'],
  ['370102', '济南市历下区泉城路'],
  ['610113', '西安市雁塔区小寨东路'],
];
const MOBILE_PREFIXES = ['139', '138', '137', '136', '135', '186', '158', '177', '150', '189', '199', '182'];
const SOURCE_CHANNELS = ['体检中心', '企业团检', '社区筛查', '老客户转介绍', '线上预约'];
const RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹'];

export interface DemoPerson {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber?: string;
  phone?: string;
  address: string;
  sourceChannel: string;
  emergencyContact?: { name: string; relation: string; phone: string };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function digits(random: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(random() * 10);
  return out;
}

/**
 * Fictional clients with valid resident ID numbers (GB 11643: region, birth date, a sequence whose
 * last digit is odd for men and even for women, MOD 11-2 check character). A few have no ID number
 * or no phone, as at a real front desk.
 */
export function demoPeople(count: number, seed = 20261122): DemoPerson[] {
  const random = seededRandom(seed);
  const usedIds = new Set<string>();
  const people: DemoPerson[] = [];
  while (people.length < count) {
    const gender = random() < 0.5 ? 'male' : 'female';
    const name = pick(random, SURNAMES) + pick(random, gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
    const year = 1948 + Math.floor(random() * 53);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const [region, street] = pick(random, REGIONS);
    const sexDigit = (Math.floor(random() * 5) * 2 + (gender === 'male' ? 1 : 0)) % 10;
    const first17 = `${region}${birthDate.replaceAll('-', '')}${digits(random, 2)}${sexDigit}`;
    const idNumber = first17 + residentIdCheckChar(first17);
    if (usedIds.has(idNumber)) continue;
    usedIds.add(idNumber);
    const phone = pick(random, MOBILE_PREFIXES) + digits(random, 8);
    const withoutId = random() < 0.05;
    const withoutPhone = !withoutId && random() < 0.05;
    people.push({
      name,
      gender,
      birthDate,
      idNumber: withoutId ? undefined : idNumber,
      phone: withoutPhone ? undefined : phone,
      address: `${street}${1 + Math.floor(random() * 300)}号`,
      sourceChannel: pick(random, SOURCE_CHANNELS),
      emergencyContact:
        random() < 0.6
          ? {
              name: pick(random, SURNAMES) + pick(random, FEMALE_GIVEN),
              relation: pick(random, RELATIONS),
              phone: pick(random, MOBILE_PREFIXES) + digits(random, 8),
            }
          : undefined,
    });
  }
  return people;
}
