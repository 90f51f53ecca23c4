/** The Team sheet's words, in both languages (placeholders in braces, filled by `fill`). */
export interface TeamWords {
  readonly sheetName: string;
  readonly title: string;
  readonly kgi: string;
  readonly allocated: string;
  readonly period: string;
  /** Shown in row 2 while the allocations do not add up to the KGI. */
  readonly allocationOff: string;
  readonly headers: {
    readonly person: string;
    readonly allocation: string;
    readonly share: string;
    readonly bottleneck: string;
    readonly recoverable: string;
    readonly actual: string;
    readonly plan: string;
    readonly achievement: string;
    readonly slope: string;
    readonly recovered: string;
    readonly score: string;
  };
  readonly notes: { readonly allocation: string; readonly actual: string; readonly plan: string; readonly bottleneck: string };
  readonly total: string;
  readonly none: string;
  readonly allocationHelp: string;
  readonly protection: string;
  /** Why the Team view refuses, placeholders in braces. */
  readonly refusals: Readonly<Record<'noRules' | 'noDataSheet' | 'noColumn' | 'noOwners' | 'noTeam', string>>;
}

const en: TeamWords = {
  sheetName: 'Team · {tree}',
  title: 'Team · {tree}: who is stuck at which stage',
  kgi: 'KGI',
  allocated: 'Allocated',
  period: 'Period',
  allocationOff: 'The allocations do not add up to the KGI: type each share, or split evenly in the sidebar.',
  headers: {
    person: 'Person / team',
    allocation: 'Allocation',
    share: 'Share',
    bottleneck: 'Bottleneck',
    recoverable: 'KGI recoverable',
    actual: 'Actual',
    plan: 'Plan',
    achievement: 'Achievement',
    slope: 'ΔKGI per unit',
    recovered: 'Recoverable',
    score: 'Rank score',
  },
  notes: {
    allocation: "Type here: this person's or team's share of the KGI. The allocations should add up to the KGI.",
    actual: 'Counted from the data sheet for the period selected in the tree sheet; rates follow from the counts.',
    plan: "The tree's plan for the period × allocation ÷ KGI; a rate's plan is the tree's.",
    bottleneck:
      "The stage whose restoration to plan recovers the most KGI, others held at this person's actuals; a stage with nothing achieved first.",
  },
  total: 'Team total',
  none: '—',
  allocationHelp: 'An amount of 0 or more.',
  protection: 'KPI tree: Team sheet computed from the data. Type in the yellow allocation cells.',
  refusals: {
    noRules:
      'No node of "{tree}" is linked to data with an owner column yet: link a count or money node to data with an owner column first.',
    noDataSheet: 'The data sheet "{sheet}" is not in this spreadsheet: it was deleted. Link the node to data again, or unlink it.',
    noColumn: 'The data sheet "{sheet}" has no column headed "{column}" in its first row.',
    noOwners: 'The linked data has no owners yet: its owner column is blank in every row.',
    noTeam: 'There is no Team sheet for "{tree}" yet: create it first.',
  },
};

const ja: TeamWords = {
  sheetName: 'チーム · {tree}',
  title: 'チーム · {tree}：どの担当者がどの段階でつまずいているか',
  kgi: 'KGI',
  allocated: '配分合計',
  period: '期間',
  allocationOff: '配分の合計が KGI と一致しません。各担当者の配分を入力するか、サイドバーで均等に配分してください。',
  headers: {
    person: '担当者 / チーム',
    allocation: '配分',
    share: '構成比',
    bottleneck: 'ボトルネック',
    recoverable: 'KGI回復見込み',
    actual: '実績',
    plan: '計画',
    achievement: '達成率',
    slope: 'KGI感度',
    recovered: '回復見込み',
    score: '順位スコア',
  },
  notes: {
    allocation: 'ここに入力：この担当者・チームへの KGI の配分。配分の合計は KGI と一致させてください。',
    actual: 'ツリーシートで選んだ期間について、データシートから集計します。率は件数から計算します。',
    plan: 'ツリーの期間計画 × 配分 ÷ KGI。率の計画はツリーと同じです。',
    bottleneck: 'ほかの段階をこの担当者の実績のままにして、計画に戻したとき KGI が最も回復する段階。実績ゼロの段階が最優先です。',
  },
  total: 'チーム合計',
  none: '—',
  allocationHelp: '0 以上の金額を入力してください。',
  protection: 'KPIツリー: データから計算するチームシートです。黄色の配分セルに入力してください。',
  refusals: {
    noRules:
      '「{tree}」のノードはまだ担当者列のあるデータにリンクされていません。先に件数・金額のノードを担当者列のあるデータにリンクしてください。',
    noDataSheet:
      'データシート「{sheet}」はこのスプレッドシートから削除されています。ノードをもう一度データに連携するか、連携を解除してください。',
    noColumn: 'データシート「{sheet}」の1行目に「{column}」という見出しの列がありません。',
    noOwners: 'リンクしたデータに担当者がまだいません。担当者列がすべての行で空です。',
    noTeam: '「{tree}」のチームシートはまだありません。先に作成してください。',
  },
};

/** The sheet's words (labels.ts) take these as they are: vocabulary data, outside Code.js. */
export { en as TEAM_EN, ja as TEAM_JA };
