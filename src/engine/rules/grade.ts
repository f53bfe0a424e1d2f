import Decimal from 'decimal.js';
import { squash } from '../text';

export type Grade = '优' | '良' | '中' | '差';

/** 评分等级 from the total: 优 ≥ 90, 良 80 to < 90, 中 60 to < 80, 差 < 60. */
export function gradeFor(total: Decimal): Grade {
  if (total.gte(90)) return '优';
  if (total.gte(80)) return '良';
  if (total.gte(60)) return '中';
  return '差';
}

const GRADE_WORDS: Record<string, Grade> = {
  优: '优', 优秀: '优', 良: '良', 良好: '良', 中: '中', 中等: '中', 一般: '中', 合格: '中', 差: '差', 较差: '差', 不合格: '差',
};

export const GRADE_EN: Record<Grade, string> = { 优: 'excellent', 良: 'good', 中: 'fair', 差: 'poor' };

/** The grade a cell's text names ("优", "良好", "优（89.82分）"), or null when it names none. */
export function readGrade(text: string): Grade | null {
  const s = squash(text);
  return GRADE_WORDS[s] ?? GRADE_WORDS[s.replace(/\([^()]*\)$/, '')] ?? null;
}
