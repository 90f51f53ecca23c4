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

/** The one line on percentages the help says: the functions read and return rates as Sheets does. */
export const PERCENT_CONVENTION = {
  en: 'Percentages as in Sheets: 30% is the number 0.3, so type 30% or 0.3 (not 30); a result of 0.84 formatted as % reads 84%.',
  ja: 'パーセントは Sheets と同じ扱いです。30% は数値 0.3 なので、30% または 0.3 と入力します（30 ではありません）。結果の 0.84 は % 表示で 84% です。',
} as const;

/** The Help dialog's own words, in each language. */
export const HELP_WORDS = {
  en: {
    name: 'English',
    title: 'KPI Tree — Help',
    intro:
      'KPI Tree builds sales KPI trees (KGI → KFS → KPI) in this spreadsheet: open the sidebar from Extensions → KPI Tree. Its functions also work on their own, in any cell.',
    functions: 'Custom functions',
    arguments: 'Arguments',
    returns: 'Returns:',
    example: 'Example',
    eg: 'e.g.',
    plan: 'plan',
    actual: 'actual',
    optional: 'optional',
    repeat: 'repeat as needed',
    back: 'Back to the list',
  },
  ja: {
    name: '日本語',
    title: 'KPI Tree — ヘルプ',
    intro:
      'KPI Tree はこのスプレッドシートに営業の KPI ツリー（KGI → KFS → KPI）を作ります。拡張機能 → KPI Tree からサイドバーを開いてください。関数は単独でも、どのセルでも使えます。',
    functions: 'カスタム関数',
    arguments: '引数',
    returns: '戻り値:',
    example: '例',
    eg: '例:',
    plan: '計画',
    actual: '実績',
    optional: '省略可',
    repeat: '必要なだけ続けて指定',
    back: '一覧へ戻る',
  },
} as const;

export const FUNCTION_DOCS = {
  KPI_REQUIRED: {
    question: {
      en: 'How much activity does the KGI need at the start of the chain?',
      ja: 'KGI を達成するには、最初の段階でどれだけの活動量が必要か？',
    },
    description: {
      en: 'Reverse calculation: the KGI divided by each rate in turn, rounded up at every stage.',
      ja: '逆算：KGI を各率で順に割り、段階ごとに切り上げた必要数。',
    },
    params: [KGI, RATE],
    returns: { en: 'The activity needed at the last stage.', ja: '最後の段階で必要な活動量。' },
    example: '=KPI_REQUIRED(1000000000, 2000000, 30%, 20%)',
    result: '8335',
    resultNote: {
      en: '¥1bn ÷ ¥2m = 500 orders; ÷ 30% = 1,667 deals; ÷ 20% = 8,335 leads.',
      ja: '10億円 ÷ 200万円 = 500 件の受注、÷ 30% = 1,667 件の商談、÷ 20% = 8,335 件のリード。',
    },
  },
  KPI_FUNNEL: {
    question: { en: 'What does each stage of the chain need?', ja: '連鎖の各段階でそれぞれどれだけ必要か？' },
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
    result: '{1000000000; 500; 1667; 8335}',
    resultNote: { en: 'The KGI, orders, deals and leads, one per row.', ja: 'KGI・受注・商談・リードを 1 行ずつ。' },
  },
  KPI_FORWARD: {
    question: { en: 'What does a plan of activity yield at the top?', ja: 'この活動計画で最終的にどれだけの成果になるか？' },
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
    result: '360000000',
    resultNote: {
      en: '600 deals × 30% × ¥2m = ¥360m: only 36% of a ¥1bn KGI.',
      ja: '600 件 × 30% × 200万円 = 3.6億円。KGI 10億円の 36% にとどまります。',
    },
  },
  KPI_ACHIEVEMENT: {
    question: { en: 'How far is each actual from its plan?', ja: '実績は計画に対してどこまで来ているか？' },
    description: {
      en: 'Achievement: actual ÷ plan, or plan ÷ actual when lower is better. Blank actuals stay blank.',
      ja: '達成率：実績 ÷ 計画（低いほど良い指標は 計画 ÷ 実績）。実績が空白なら空白。',
    },
    params: [
      param('actual', RANGE, 'The actuals.', '実績。', 'C2:C13', { side: 'actual' }),
      param('plan', RANGE, 'The plans, greater than 0, shaped like actual.', '計画（0 より大きい値、actual と同じ形）。', 'B2:B13', {
        side: 'plan',
      }),
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
    example: '=KPI_ACHIEVEMENT({42; 60}, {50; 50})',
    result: '{0.84; 1.2}',
    resultNote: { en: '84% and 120% of plan: the actual comes first.', ja: '計画の 84% と 120%。実績が先、計画が後です。' },
  },
  KPI_IMPACT: {
    question: {
      en: 'How much would fixing each stage alone add?',
      ja: '各段階だけを計画どおりに戻したら、成果はどれだけ増えるか？',
    },
    description: {
      en: 'For each stage of a product chain, what restoring it alone to plan adds: output × (plan ÷ actual − 1).',
      ja: '掛け算の連鎖の各段階を計画まで戻したときの増分：成果 ×（計画 ÷ 実績 − 1）。',
    },
    params: [
      param('plan', RANGE, 'The plan of each stage.', '各段階の計画。', 'B2:B5', { side: 'plan' }),
      param(
        'actual',
        RANGE,
        'The actual of each stage, shaped like plan; 0 gives a blank (unbounded).',
        '各段階の実績（plan と同じ形）。0 は上限がないため空白。',
        'C2:C5',
        { side: 'actual' },
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
    example: '=KPI_IMPACT({100; 30%}, {80; 25%}, 20)',
    result: '{5; 4}',
    resultNote: {
      en: 'Output 20: deals back to 100 add 5, the win rate back to 30% adds 4.',
      ja: '成果 20 のとき、商談を 100 に戻すと +5、受注率を 30% に戻すと +4。',
    },
  },
  KPI_BOTTLENECK: {
    question: { en: 'Which stage is the bottleneck to fix first?', ja: 'まず直すべきボトルネックはどの段階か？' },
    description: {
      en: 'The stage whose restoration to plan recovers the most: the lowest actual ÷ plan.',
      ja: '計画まで戻すと最も成果が戻る段階（実績 ÷ 計画 が最も低い段階）。',
    },
    params: [
      param('stages', 'string|Array<Array<string>>', 'The stage names.', '段階の名前。', 'A2:A5'),
      param('plan', RANGE, 'The plan of each stage, greater than 0.', '各段階の計画（0 より大きい値）。', 'B2:B5', { side: 'plan' }),
      param(
        'actual',
        RANGE,
        'The actual of each stage; blanks are skipped, 0 ranks first.',
        '各段階の実績。空白は対象外、0 は最優先。',
        'C2:C5',
        { side: 'actual' },
      ),
    ],
    returns: {
      en: 'The stage name; blank when no stage is behind plan.',
      ja: '段階の名前。計画を下回る段階がなければ空白。',
    },
    example: '=KPI_BOTTLENECK({"Leads"; "Deal rate"; "Win rate"}, {700; 20%; 30%}, {700; 14.5%; 29.9%})',
    result: 'Deal rate',
    resultNote: {
      en: 'The deal rate is at 72.5% of plan, the lowest.',
      ja: '商談化率が計画の 72.5% で最も低い段階です。',
    },
  },
  KPI_PHASE: {
    question: { en: 'What is each month’s share of the annual target?', ja: '年間目標を各月にどう配分するか？' },
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
    example: '=KPI_PHASE(400, {1, 1, 2}, TRUE)',
    result: '{100, 100, 200}',
    resultNote: {
      en: 'Whole numbers in proportion to the weights, adding up to 400.',
      ja: '季節指数に比例した整数で、合計はちょうど 400。',
    },
  },
  KPI_FORECAST: {
    question: { en: 'Where will the year land?', ja: '今年度はどこに着地するか？' },
    description: {
      en: 'Landing forecast: the actuals entered plus the plan of every period without an actual.',
      ja: '着地予測：入力済みの実績と、実績のない期間の計画の合計。',
    },
    params: [
      param('actuals', RANGE, 'The actuals per period; blank = not entered yet.', '期間ごとの実績（空白は未入力）。', 'C2:C13', {
        side: 'actual',
      }),
      param(
        'plan',
        RANGE,
        'The plan per period, as many cells as actuals (blank = 0).',
        '期間ごとの計画（actuals と同じセル数、空白は 0）。',
        'B2:B13',
        { side: 'plan' },
      ),
    ],
    returns: { en: 'The forecast total.', ja: '着地予測の合計。' },
    example: '=KPI_FORECAST({30; 28; ""}, {25; 25; 25})',
    result: '83',
    resultNote: {
      en: 'Actuals 30 + 28, plus the plan of 25 for the month still blank.',
      ja: '実績 30 + 28 に、未入力の月の計画 25 を足した値。',
    },
  },
  KPI_PACE: {
    question: {
      en: 'What must each remaining month bring to reach the target?',
      ja: '目標に届くには、残りの各月でどれだけ必要か？',
    },
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
        { side: 'actual' },
      ),
      param('periods', NUMBER, 'The number of periods; defaults to the cells of actuals.', '期間数。既定は actuals のセル数。', '12', {
        optional: true,
      }),
    ],
    returns: {
      en: 'The pace per remaining period: 0 once reached; the whole shortfall when no period is left.',
      ja: '残り 1 期間あたりの必要量。達成済みなら 0、残り期間がなければ不足分の全額。',
    },
    example: '=KPI_PACE(1200, {100; 90}, 12)',
    result: '101',
    resultNote: {
      en: '(1,200 − 190) ÷ the 10 months left.',
      ja: '(1,200 − 190) ÷ 残り 10 か月。',
    },
  },
} as const satisfies Record<string, FunctionDoc>;

/** The name of a custom function, as Sheets calls it. */
export type FunctionName = keyof typeof FUNCTION_DOCS;
