/**
 * The documentation of every custom function, declared once. The build reads it to write each
 * wrapper's `@customfunction` JSDoc and dist/Help.html; the runtime bundle never imports it
 * (catalogue.ts imports only its type), so the help text does not load on every call.
 */
import type { FunctionDoc, ParamSpec } from './spec';

const NUMBER = 'number';
const RANGE = 'number|Array<Array<number>>';

const param = (name: string, type: string, en: string, ja: string, example: string, more?: Partial<ParamSpec>): ParamSpec => ({
  name,
  type,
  description: { en, ja },
  example,
  ...more,
});

const KGI = param(
  'kgi',
  RANGE,
  'The goal (KGI), or a range of goals: one result per cell.',
  '目標値（KGI）。範囲ならセルごとに結果を返します。',
  '1000000000',
);
const RATE = param(
  'rate1',
  RANGE,
  'A rate or deal size of the chain, in order from the KGI down (rate2, rate3, …); a range is read row by row.',
  'KGI から順に、連鎖の率または単価（rate2, rate3, …）。範囲は行ごとに読みます。',
  '30%',
  { repeating: true },
);

export const FUNCTION_DOCS = {
  KPI_REQUIRED: {
    description: {
      en: 'Reverse calculation: the KGI divided by each rate in turn, rounded up at every stage.',
      ja: '逆算：KGI を各率で順に割り、段階ごとに切り上げた必要数。',
    },
    params: [KGI, RATE],
    returns: { en: 'The activity needed at the last stage.', ja: '最後の段階で必要な活動量。' },
    example: '=KPI_REQUIRED(1000000000, 2000000, 30%, 20%)',
  },
  KPI_FUNNEL: {
    description: {
      en: 'The whole reverse-calculated chain: the KGI, then the requirement after each rate.',
      ja: '逆算の全段階：KGI と、各率で割った後の必要数。',
    },
    params: [
      param('kgi', NUMBER, 'The goal (KGI).', '目標値（KGI）。', '1000000000'),
      param('rates', RANGE, 'The rates and deal sizes in order, as a row or a column.', '順に並べた率・単価（1 行または 1 列）。', 'B2:B4'),
      param(
        'rounding',
        'string',
        '"ceil" rounds every stage up (default), "final" only the last stage, "none" none.',
        '"ceil" は各段階を切り上げ（既定）、"final" は最後だけ、"none" は丸めません。',
        '"final"',
        { optional: true },
      ),
    ],
    returns: {
      en: 'The KGI and each stage, laid out like rates (a column by default).',
      ja: 'KGI と各段階。rates と同じ向き（既定は縦）に並びます。',
    },
    example: '=KPI_FUNNEL(1000000000, {2000000; 30%; 20%})',
  },
  KPI_FORWARD: {
    description: {
      en: 'Forward projection: the volume times every rate, unrounded: what a plan of activity yields.',
      ja: '順算：活動量に各率を掛けた値（丸めなし）。活動計画から得られる成果。',
    },
    params: [
      param(
        'volume',
        RANGE,
        'The activity planned, or a range of volumes: one result per cell.',
        '計画した活動量。範囲ならセルごとに結果を返します。',
        '600',
      ),
      {
        ...RATE,
        description: { en: 'A rate or deal size to multiply by (rate2, rate3, …).', ja: '掛ける率または単価（rate2, rate3, …）。' },
      },
    ],
    returns: { en: 'The outcome of the volume.', ja: '活動量から得られる成果。' },
    example: '=KPI_FORWARD(600, 30%, 2000000)',
  },
  KPI_ACHIEVEMENT: {
    description: {
      en: 'Achievement: actual ÷ plan, or plan ÷ actual when lower is better. Blank actuals stay blank.',
      ja: '達成率：実績 ÷ 計画（低いほど良い指標は 計画 ÷ 実績）。実績が空白なら空白。',
    },
    params: [
      param('actual', RANGE, 'The actuals.', '実績。', 'C2:C13'),
      param('plan', RANGE, 'The plans, greater than 0, shaped like actual.', '計画（0 より大きい値、actual と同じ形）。', 'B2:B13'),
      param(
        'lower_is_better',
        'boolean',
        'TRUE for churn, cost per lead and other lower-is-better KPIs; an actual of 0 then gives a blank.',
        '解約率や CPA など低いほど良い指標なら TRUE。このとき実績 0 は空白になります。',
        'FALSE',
        { optional: true },
      ),
    ],
    returns: { en: 'The achievement per cell (1 = 100%).', ja: 'セルごとの達成率（1 = 100%）。' },
    example: '=KPI_ACHIEVEMENT(C2:C13, B2:B13)',
  },
  KPI_IMPACT: {
    description: {
      en: 'For each stage of a product chain, what restoring it alone to plan adds: output × (plan ÷ actual − 1).',
      ja: '掛け算の連鎖の各段階を計画まで戻したときの増分：成果 ×（計画 ÷ 実績 − 1）。',
    },
    params: [
      param('plan', RANGE, 'The plan of each stage.', '各段階の計画。', 'B2:B5'),
      param(
        'actual',
        RANGE,
        'The actual of each stage, shaped like plan; 0 gives a blank (unbounded).',
        '各段階の実績（plan と同じ形）。0 は上限がないため空白。',
        'C2:C5',
      ),
      param(
        'output',
        NUMBER,
        'The current output (e.g. revenue); omitted, results are fractions of it.',
        '現在の成果（売上など）。省略すると成果に対する割合。',
        'C6',
        { optional: true },
      ),
    ],
    returns: { en: 'The gain per stage.', ja: '段階ごとの増分。' },
    example: '=KPI_IMPACT(B2:B5, C2:C5, C6)',
  },
  KPI_BOTTLENECK: {
    description: {
      en: 'The stage whose restoration to plan recovers the most: the lowest actual ÷ plan.',
      ja: '計画まで戻すと最も成果が戻る段階（実績 ÷ 計画 が最も低い段階）。',
    },
    params: [
      param('stages', 'string|Array<Array<string>>', 'The stage names.', '段階の名前。', 'A2:A5'),
      param('plan', RANGE, 'The plan of each stage, greater than 0.', '各段階の計画（0 より大きい値）。', 'B2:B5'),
      param(
        'actual',
        RANGE,
        'The actual of each stage; blanks are skipped, 0 ranks first.',
        '各段階の実績。空白は対象外、0 は最優先。',
        'C2:C5',
      ),
    ],
    returns: {
      en: 'The stage name; blank when no stage is behind plan.',
      ja: '段階の名前。計画を下回る段階がなければ空白。',
    },
    example: '=KPI_BOTTLENECK(A2:A5, B2:B5, C2:C5)',
  },
  KPI_PHASE: {
    description: {
      en: 'An annual target split over periods: 12 equal months, or in proportion to weights.',
      ja: '年間目標を期間に配分：既定は 12 か月均等、weights があればその比率で。',
    },
    params: [
      param('annual', NUMBER, 'The annual target, 0 or more.', '年間目標（0 以上）。', '1000000000'),
      param(
        'weights',
        RANGE,
        'Seasonal weights, a row or column (0 or more, not all 0).',
        '季節指数（1 行または 1 列、0 以上、すべて 0 は不可）。',
        'B1:M1',
        {
          optional: true,
        },
      ),
      param('whole', 'boolean', 'TRUE for whole numbers adding up to annual exactly.', 'TRUE なら合計が年間目標と一致する整数。', 'TRUE', {
        optional: true,
      }),
    ],
    returns: {
      en: 'The target per period, laid out like weights (a row of 12 by default).',
      ja: '期間ごとの目標。weights と同じ向き（既定は横 12 か月）。',
    },
    example: '=KPI_PHASE(1000000000, , TRUE)',
  },
  KPI_FORECAST: {
    description: {
      en: 'Landing forecast: the actuals entered plus the plan of every period without an actual.',
      ja: '着地予測：入力済みの実績と、実績のない期間の計画の合計。',
    },
    params: [
      param('actuals', RANGE, 'The actuals per period; blank = not entered yet.', '期間ごとの実績（空白は未入力）。', 'C2:C13'),
      param(
        'plan',
        RANGE,
        'The plan per period, as many cells as actuals (blank = 0).',
        '期間ごとの計画（actuals と同じセル数、空白は 0）。',
        'B2:B13',
      ),
    ],
    returns: { en: 'The forecast total.', ja: '着地予測の合計。' },
    example: '=KPI_FORECAST(C2:C13, B2:B13)',
  },
  KPI_PACE: {
    description: {
      en: 'Required pace: what each remaining period must bring, (target − actuals to date) ÷ periods left.',
      ja: '必要ペース：残り期間に毎期必要な量 =（目標 − 実績累計）÷ 残り期間数。',
    },
    params: [
      param('target', NUMBER, 'The target for the whole period.', '期間全体の目標。', '1000000000'),
      param(
        'actuals',
        RANGE,
        'The actuals per period; periods up to the last one entered count as passed.',
        '期間ごとの実績。最後に入力された期間までを経過とみなします。',
        'C2:C13',
      ),
      param('periods', NUMBER, 'The number of periods; defaults to the cells of actuals.', '期間数。既定は actuals のセル数。', '12', {
        optional: true,
      }),
    ],
    returns: {
      en: 'The pace per remaining period: 0 once reached; the whole shortfall when no period is left.',
      ja: '残り 1 期間あたりの必要量。達成済みなら 0、残り期間がなければ不足分の全額。',
    },
    example: '=KPI_PACE(1000000000, C2:C13)',
  },
} as const satisfies Record<string, FunctionDoc>;

/** The name of a custom function, as Sheets calls it. */
export type FunctionName = keyof typeof FUNCTION_DOCS;
