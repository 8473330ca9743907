/**
 * The words the generator builds institution names and addresses from: brands, fields of training,
 * school-name suffixes and streets seen in Qinghai, plus the survey notes a grid worker writes.
 */
import type { InstitutionProfile } from './model';

export const BRANDS = [
  '启航',
  '明德',
  '博雅',
  '育才',
  '智慧树',
  '星火',
  '阳光',
  '英才',
  '优学',
  '金钥匙',
  '蓝天',
  '雪域',
  '昆仑',
  '青湖',
  '河湟',
  '春晖',
  '书香',
  '卓越',
  '睿思',
  '乐学',
  '童心',
  '彩虹',
  '天骄',
  '格桑花',
  '三江源',
  '湟水',
  '高原红',
  '柴达木',
  '日月山',
  '鸿鹄',
  '知行',
  '致远',
  '弘毅',
  '新航道',
  '小树苗',
] as const;
export const SUBJECT_FIELDS = ['数学', '英语', '语文', '作文', '物理', '化学', '学科辅导', '文化课'] as const;
export const NON_SUBJECT_FIELDS = [
  '艺术',
  '美术',
  '舞蹈',
  '音乐',
  '钢琴',
  '书法',
  '围棋',
  '跆拳道',
  '篮球',
  '编程',
  '机器人',
  '口才',
  '唐卡绘画',
  '民族舞',
  '轮滑',
  '科技',
] as const;
export const OFFLINE_SUFFIXES = ['培训中心', '培训学校', '培训部', '学校'] as const;
export const STREETS = [
  '建设路',
  '人民路',
  '长江路',
  '五四大街',
  '昆仑路',
  '七一路',
  '西关大街',
  '南山路',
  '柴达木路',
  '黄河路',
  '八一路',
  '文化街',
  '团结路',
  '胜利路',
  '康乐路',
  '互助路',
  '湟光路',
  '海湖路',
] as const;

/** "东关大街街道" → "东关大街", "多巴镇" → "多巴": the short place name people put in a school's name. */
export function shortPlaceName(name: string): string {
  const short = name.replace(/(街道办事处|街道|民族乡|地区|镇|乡|办事处)$/u, '');
  return short.length >= 2 ? short : name;
}

export const SURVEY_NOTES: Record<InstitutionProfile, readonly (string | null)[]> = {
  COMPLETE: [null, '证照齐全，公示到位', '收费公示上墙'],
  MISSING_LICENCE: ['现场未能出示全部证照', '证照不全，已告知限期补办', null],
  NOT_ON_PLATFORM: ['尚未纳入全国监管平台', '已告知入驻监管平台'],
  UNLICENSED: ['无证无照办学', '现场无任何证照'],
  CLOSED: ['已停业', '人去楼空'],
};
