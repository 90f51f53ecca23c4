import type { Lang } from '../i18n';
import type { Role, Unit } from '../tree';
import { TEAM_EN, TEAM_JA } from './teamWords';

/**
 * The words a tree sheet shows, in both languages. Plain data (placeholders in braces, filled by
 * `fill`), so the server reads them on demand with the templates instead of loading them with
 * every custom function.
 */
const en = {
  title: 'KPI tree · {name} · FY{year}',
  kgi: 'KGI',
  fiscalYear: 'Fiscal year',
  startMonth: 'Start month',
  /** The start month's number format: the number (1–12) shown as a month. */
  startMonthFormat: '"Month "0',
  period: 'Period',
  closedThrough: 'Closed through',
  yields: 'Plan: activity yields',
  ofKgi: 'of KGI',
  gap: 'Plan vs KGI',
  actualToDate: 'Year: KGI actual to date',
  landing: 'Landing',
  landingGap: 'Landing vs KGI',
  fixRecovers: 'Fix recovers',
  bottleneck: 'Bottleneck',
  weights: 'Seasonality weights →',
  monthNames: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  monthHeaders: { actual: '{month} actual', plan: '{month} plan' },
  ytd: 'YTD',
  none: '—',
  headers: {
    tree: '',
    label: 'KPI',
    definition: 'Definition',
    unit: 'Unit',
    role: 'Role',
    owner: 'Owner',
    note: 'Note',
    plan_input: 'Plan input',
    annual: 'Annual plan',
    yields: 'Plan yields',
    period_plan: 'Plan (period)',
    period_actual: 'Actual (period)',
    achievement: 'Achievement',
    gap: 'Gap',
    recoverable: 'KGI recoverable',
    status: 'Status',
    forecast: 'Landing forecast',
    run_rate: 'Run rate',
    pace: 'Pace needed / month',
    trend: 'Trend',
    sensitivity: 'ΔKGI per unit',
    score: 'Rank score',
  } as Record<string, string>,
  headerNotes: {
    plan_input: "Type here: the rate or size you plan, a channel's share, or a target that overrides the reverse calculation.",
    annual: 'Reverse-calculated from the KGI, each count rounded up.',
    yields: 'Plan activity multiplied forward; at the top it should reach the KGI.',
    period_plan:
      'The plan of the months whose actual is entered (of the whole period until one is): a blank month is missing input, not zero.',
    period_actual: 'Counts and amounts are typed in the month columns; rates are derived from them.',
    recoverable: 'KGI gained if this KPI alone were back on plan, the others held at their actuals.',
    status:
      'Check input: a plan, the KGI, the seasonality weights or an actual in this period is not a number the tree can use (text, a negative, a rate of 0).',
    forecast: 'Actuals entered plus the plan of the months still blank. Flagged when it misses the annual plan.',
    run_rate: 'Actual to date ÷ months with actuals × 12.',
    pace: 'What each remaining month must bring: (annual plan − actual to date) ÷ months left.',
  } as Record<string, string>,
  units: { yen: '¥', count: 'count', rate: '%' } as Record<Unit, string>,
  roles: { kgi: 'KGI', main: 'Main KPI', process: 'Process KPI', csf: 'CSF' } as Record<Role, string>,
  status: { bottleneck: '▼ Bottleneck', under: 'Under plan', on: 'On plan', check: 'Check input' },
  inputHelp: {
    count: 'A number of 0 or more.',
    whole: 'A whole number of 0 or more.',
    size: 'A number above 0; decimals are fine.',
    rate: 'A rate above 0% and at most 100%.',
    list: 'Choose from the list.',
  },
  protection: 'KPI tree: computed cells. Type in the yellow cells; these follow by formula.',
  ownerProtection: "KPI tree: only this row's owner edits its inputs.",
  chart: { title: 'KGI by month', plan: 'Plan', actual: 'Actual', forecast: 'Forecast' },
  yearSheet: '{name} FY{year}',
  blankActuals: {
    one: '{month} still has 1 blank actual. Fill it in, or confirm to close the month anyway.',
    many: '{month} still has {count} blank actuals. Fill them in, or confirm to close the month anyway.',
  },
  refusals: {
    busy: 'Another update of this workbook is in progress. Nothing was changed; try again in a moment.',
    unknownTemplate: 'Unknown template "{id}".',
    fiscalYear: 'The fiscal year must be a year such as 2026, got {value}.',
    startMonth: 'The start month must be 1–12, got {value}.',
    seasonality: 'Seasonality needs twelve weights of 0 or more, not all zero.',
    notATree: '"{sheet}" is not a KPI-tree sheet.',
    month: '"{month}" is not a month of this fiscal year.',
    parent: 'Choose the KPI it feeds; "{parent}" is not in this tree.',
    label: 'The KPI needs a name of 1 to 100 characters.',
    plan: 'The target must be a number of 0 or more (a rate at most 100%), got {value}.',
    unit: 'A process KPI measures a count, money (¥) or a rate, not "{value}".',
    notChannels: '"{parent}" does not add up channels, so a KPI cannot join its arithmetic.',
    share: "The channel's share must be between 0% and 100%, got {value}.",
    kgiInHeader: 'The KGI is set in the header, not as a planned value.',
    frameMoved:
      'Columns or header rows of "{sheet}" were inserted, deleted or moved, so it cannot be updated in place. Nothing was changed: undo that change (Edit → Undo, or File → Version history), or keep your own columns to the right of the tree.',
    keyRowLost:
      'The hidden key row (row 5) of "{sheet}" was deleted, so its columns cannot be found. Nothing was changed: restore it with Edit → Undo or File → Version history.',
    keysCleared:
      'The hidden key column (A) of "{sheet}" was cleared, so its rows cannot be matched to KPIs. Nothing was changed: restore it with Edit → Undo or File → Version history.',
    protectedRows: "The rows of {rows} are protected for {editors}. Nothing was changed: ask them or the spreadsheet's owner{owner}.",
    protectionNotYours:
      'Owner protection on "{sheet}" was turned on by someone else: the rows of {rows} can be edited only by {editors}. Nothing was changed: ask one of them or the spreadsheet\'s owner{owner} to turn it off.',
    protectionFailed: 'Owner protection could not be turned on ({reason}). Nothing was changed.',
    blockedByProtection:
      'A protection someone set on this spreadsheet stopped the change: "{reason}" Nothing you or others typed was lost. Ask the spreadsheet\'s owner or whoever set the protection, then try again.',
    notADataSheet:
      'A sheet named "{sheet}" exists and was not made by an import, so it is not replaced. Nothing was imported: choose another sheet name.',
    dataSheetName: 'Name the data sheet with 1 to 90 characters, none of [ ] * ? / \\ :',
    workbookFull:
      'This import needs {needed} cells, but the spreadsheet has room for {free} more (at most 10,000,000). Nothing was imported: delete sheets you no longer need, or split the export.',
    importRequest: 'The rows sent do not match the file being imported ({reason}). Nothing was changed: import the file again.',
    importGone:
      'The import into "{sheet}" was interrupted (another import of that sheet started, or its pending sheet was deleted). The data sheet was not changed: import the file again.',
  },
  history: {
    sheet: 'KPI history',
    headers: [
      'Closed at',
      'Tree sheet',
      'Month',
      'Revision',
      'Node id',
      'KPI',
      'Owner',
      'Plan',
      'Actual',
      'Achievement',
      'KGI recoverable',
      'Status',
      'Bottleneck',
    ],
  },
  links: {
    latest: 'Latest data',
    rule: {
      count: 'count of rows of "{sheet}"',
      sum: 'sum of {amount} over rows of "{sheet}"',
      leadTime: 'median whole days from {start} to {end} over rows of "{sheet}" (rows without {start} left out)',
      by: 'by {date} (fiscal month)',
      where: 'where {conditions}',
      condition: '{column} = {values}',
      or: ' or ',
      and: ' and ',
      owner: "only rows whose {owner} is this row's Owner (all rows while Owner is blank)",
      separator: ', ',
    },
    note: 'Linked to data: {rule}. This cell fills itself by formula; a month with no dated rows stays blank (missing input). Unlink it from the sidebar to type here again.',
    definition: 'Actual: {rule}.',
    broken: {
      sheetGone: 'The data sheet "{sheet}" of "{node}" was deleted: its cells show #REF!. Link it again, or unlink it to type its actuals.',
      column:
        'The column "{column}" of "{node}" is no longer in the header row of "{sheet}": link it again with the column\'s new name, or unlink it.',
    },
    refusals: {
      node: 'Choose a KPI of this tree; "{node}" is not in it.',
      notLinkable:
        '"{node}" follows from other figures (a rate from its counts, a total from its channels), so it cannot be linked. Link the counts it comes from.',
      rateNotLinkable:
        '"{node}" is a rate, and a link counts or sums rows: add the two counts it divides as KPIs and link those, or type the rate.',
      dataSheet: 'Choose a data sheet: "{sheet}" is not a sheet of this workbook with a header row (a KPI tree cannot be one).',
      column: '"{sheet}" has no column "{column}" in its header row (row 1).',
      values: 'Choose at least one value of "{column}".',
      combinations: 'The conditions make {count} combinations of values; at most {max} are allowed. Use fewer values.',
      noMatch: 'The rule matches no row of "{sheet}": no row has {conditions}. Check the values (and the date column "{date}").',
      notLinked: '"{node}" is not linked to data.',
      leadTimeKind:
        '"{node}" is part of the tree\'s arithmetic: only a tracked KPI (a process KPI beside the tree) can show a lead time. Add one as a process KPI.',
      notDates: 'The column "{column}" of "{sheet}" must hold dates, or rows would go uncounted without a word; row {row} holds "{value}".',
      noDates: 'The column "{column}" of "{sheet}" holds no dates: choose the column with each row\'s date.',
      sameColumn: 'Choose two different columns: a lead time runs from a start date to a later end date.',
    },
  },
  team: TEAM_EN,
};

const ja: typeof en = {
  title: 'KPIツリー · {name} · {year}年度',
  kgi: 'KGI',
  fiscalYear: '年度',
  startMonth: '期首月',
  startMonthFormat: '0"月"',
  period: '表示期間',
  closedThrough: '締め済み',
  yields: '計画: 活動量からの到達値',
  ofKgi: '対KGI',
  gap: '計画とKGIの差異',
  actualToDate: '年間: KGI実績累計',
  landing: '着地予測',
  landingGap: '着地とKGIの差異',
  fixRecovers: '改善で回復',
  bottleneck: 'ボトルネック',
  weights: '季節指数 →',
  monthNames: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  monthHeaders: { actual: '{month} 実績', plan: '{month} 計画' },
  ytd: '年度累計',
  none: '—',
  headers: {
    tree: '',
    label: 'KPI',
    definition: '定義',
    unit: '単位',
    role: '区分',
    owner: '担当者',
    note: 'メモ',
    plan_input: '計画入力',
    annual: '年間計画',
    yields: '計画到達値',
    period_plan: '計画（期間）',
    period_actual: '実績（期間）',
    achievement: '達成率',
    gap: '差異',
    recoverable: '回復できるKGI',
    status: '状態',
    forecast: '着地予測',
    run_rate: 'ランレート',
    pace: '必要ペース／月',
    trend: '推移',
    sensitivity: '1単位あたりKGI',
    score: '順位スコア',
  },
  headerNotes: {
    plan_input: 'ここに入力: 計画する率・単価、チャネルの構成比、または逆算を上書きする目標値。',
    annual: 'KGIから逆算した値。件数は段階ごとに切り上げ。',
    yields: '計画の活動量を掛け合わせた到達値。最上段がKGIに届くかを確認します。',
    period_plan: '実績を入力した月の計画（1か月も入力がない間は期間全体の計画）。空欄の月は未入力であり、0 ではありません。',
    period_actual: '件数・金額は月別の列に入力します。率は件数から自動計算します。',
    recoverable: 'このKPIだけを計画に戻したとき（他は実績のまま）に増えるKGI。',
    status: '入力を確認: この期間の計画・KGI・季節指数・実績に、計算に使えない値（文字、負の数、0% の率など）があります。',
    forecast: '入力済みの実績 + 未入力月の計画。年間計画に届かないと強調表示します。',
    run_rate: '累計実績 ÷ 実績のある月数 × 12。',
    pace: '残りの各月に必要な量: (年間計画 − 累計実績) ÷ 残り月数。',
  } as Record<string, string>,
  units: { yen: '円', count: '件', rate: '率' } as Record<Unit, string>,
  roles: { kgi: 'KGI', main: '主要KPI', process: 'プロセスKPI', csf: 'CSF' } as Record<Role, string>,
  status: { bottleneck: '▼ ボトルネック', under: '計画未達', on: '計画達成', check: '入力を確認' },
  inputHelp: {
    count: '0 以上の数値を入力してください。',
    whole: '0 以上の整数を入力してください。',
    size: '0 より大きい数値を入力してください（小数可）。',
    rate: '0% より大きく 100% 以下の率を入力してください。',
    list: '一覧から選んでください。',
  },
  protection: 'KPIツリー: 計算セルです。黄色のセルに入力すると数式で更新されます。',
  ownerProtection: 'KPIツリー: この行の入力は担当者だけが編集できます。',
  chart: { title: 'KGIの月次推移', plan: '計画', actual: '実績', forecast: '着地予測' },
  yearSheet: '{name} {year}年度',
  blankActuals: {
    one: '{month} は実績が 1 件未入力です。入力するか、このまま締める場合は確認してください。',
    many: '{month} は実績が {count} 件未入力です。入力するか、このまま締める場合は確認してください。',
  },
  refusals: {
    busy: 'このブックは別の更新中です。変更は行っていません。しばらくしてからもう一度お試しください。',
    unknownTemplate: 'テンプレート「{id}」は存在しません。',
    fiscalYear: '年度は 2026 のような西暦で指定してください（受け取った値: {value}）。',
    startMonth: '期首月は 1〜12 で指定してください（受け取った値: {value}）。',
    seasonality: '季節指数は 0 以上の数値を12個（すべて0は不可）指定してください。',
    notATree: '「{sheet}」はKPIツリーのシートではありません。',
    month: '「{month}」はこの年度の月ではありません。',
    parent: 'つながるKPIを選んでください。「{parent}」はこのツリーにありません。',
    label: 'KPI名は1〜100文字で入力してください。',
    plan: '目標は 0 以上の数値（率は 100% 以下）にしてください（受け取った値: {value}）。',
    unit: 'プロセスKPIの単位は件数・金額（¥）・率のいずれかです（受け取った値: {value}）。',
    notChannels: '「{parent}」は内訳の合計ではないため、計算に加えられません。',
    share: '構成比は 0% より大きく 100% 未満にしてください（受け取った値: {value}）。',
    kgiInHeader: 'KGIは見出しの欄で設定します。',
    frameMoved:
      '「{sheet}」の列または見出し行が挿入・削除・移動されたため、このシートのまま更新できません。変更は行っていません。その操作を元に戻す（編集 → 元に戻す、またはファイル → 変更履歴）か、独自の列はツリーの右側に置いてください。',
    keyRowLost:
      '「{sheet}」の非表示のキー行（5行目）が削除されたため、列を特定できません。変更は行っていません。編集 → 元に戻す、またはファイル → 変更履歴で復元してください。',
    keysCleared:
      '「{sheet}」の非表示のキー列（A列）が消去されたため、行とKPIを対応付けられません。変更は行っていません。編集 → 元に戻す、またはファイル → 変更履歴で復元してください。',
    protectedRows:
      '{rows} の行は {editors} だけが編集できるよう保護されています。変更は行っていません。その担当者かスプレッドシートのオーナー{owner}に依頼してください。',
    protectionNotYours:
      '「{sheet}」の担当者保護は別のユーザーが設定しました。{rows} の行は {editors} だけが編集できます。変更は行っていません。そのいずれかか、スプレッドシートのオーナー{owner}に解除を依頼してください。',
    protectionFailed: '担当者保護を設定できませんでした（{reason}）。変更は行っていません。',
    blockedByProtection:
      'このスプレッドシートに設定された保護により変更が止まりました:「{reason}」入力済みの値は失われていません。スプレッドシートのオーナーか保護を設定した人に依頼してから、もう一度お試しください。',
    notADataSheet:
      '「{sheet}」という名前のシートがあり、取り込みで作ったシートではないため置き換えません。取り込みは行っていません。別のシート名を指定してください。',
    dataSheetName: 'データのシート名は1〜90文字で、[ ] * ? / \\ : を含めないでください。',
    workbookFull:
      'この取り込みには {needed} セルが必要ですが、スプレッドシートの空きは {free} セルです（上限 10,000,000 セル）。取り込みは行っていません。不要なシートを削除するか、ファイルを分けてください。',
    importRequest: '送られた行が取り込み中のファイルと一致しません（{reason}）。変更は行っていません。もう一度取り込んでください。',
    importGone:
      '「{sheet}」への取り込みが中断されました（同じシートへの別の取り込みが始まったか、作業用シートが削除されました）。データのシートは変更していません。もう一度取り込んでください。',
  },
  history: {
    sheet: 'KPI履歴',
    headers: [
      '締め日時',
      'ツリーのシート',
      '月',
      '版',
      'ノードID',
      'KPI',
      '担当者',
      '計画',
      '実績',
      '達成率',
      '回復できるKGI',
      '状態',
      'ボトルネック',
    ],
  },
  links: {
    latest: '最新データ',
    rule: {
      count: '「{sheet}」の行数',
      sum: '「{sheet}」の行の{amount}の合計',
      leadTime: '「{sheet}」の行の{start}から{end}までの日数（整数）の中央値（{start}が空欄の行は除く）',
      by: '{date}で会計月ごとに集計',
      where: '条件: {conditions}',
      condition: '{column} = {values}',
      or: ' または ',
      and: ' かつ ',
      owner: '{owner}がこの行の担当者と一致する行のみ（担当者が空欄の間は全行）',
      separator: '、',
    },
    note: 'データ連携: {rule}。このセルは数式で自動入力されます。日付のある行がない月は空欄（入力漏れ）になります。再び手入力するにはサイドバーで連携を解除してください。',
    definition: '実績: {rule}。',
    broken: {
      sheetGone:
        '「{node}」のデータシート「{sheet}」が削除されたため、セルが #REF! になっています。連携し直すか、連携を解除して手入力してください。',
      column: '「{node}」が使う列「{column}」が「{sheet}」の見出し行にありません。新しい列名で連携し直すか、連携を解除してください。',
    },
    refusals: {
      node: 'このツリーのKPIを選んでください（「{node}」はありません）。',
      notLinkable:
        '「{node}」はほかの数値から計算されます（率は件数から、合計は内訳から）。連携できません。元になる件数を連携してください。',
      rateNotLinkable:
        '「{node}」は率です。連携は行を数えるか合計します。率の元になる2つの件数をKPIとして追加して連携するか、率を入力してください。',
      dataSheet: 'データシートを選んでください。「{sheet}」は見出し行のあるシートではありません（KPIツリーのシートは選べません）。',
      column: '「{sheet}」の見出し行（1行目）に列「{column}」がありません。',
      values: '「{column}」の値を1つ以上選んでください。',
      combinations: '条件の値の組み合わせが {count} 通りあります（上限 {max} 通り）。値を減らしてください。',
      noMatch: 'この条件に合う行が「{sheet}」にありません（{conditions}）。値と日付列「{date}」を確認してください。',
      notLinked: '「{node}」はデータに連携されていません。',
      leadTimeKind:
        '「{node}」はツリーの計算に含まれるため、リードタイムにはできません。リードタイムはプロセスKPI（ツリーの横で追跡するKPI）として追加してください。',
      notDates: '「{sheet}」の列「{column}」には日付が必要です（日付のない行は黙って集計から漏れます）。{row} 行目が「{value}」です。',
      noDates: '「{sheet}」の列「{column}」に日付がありません。各行の日付の列を選んでください。',
      sameColumn: '異なる2つの列を選んでください。リードタイムは開始日から終了日までの日数です。',
    },
  },
  team: TEAM_JA,
};

export type SheetWords = typeof en;

export const SHEET_WORDS: Readonly<Record<Lang, SheetWords>> = { en, ja };

/** `fill('{name} FY{year}', { name: 'New business', year: 2027 })` → `New business FY2027`. */
export const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

/** Month labels as the period selector lists them: `2026-04`. */
export function monthLabels(fiscalYear: number, startMonth: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((startMonth - 1 + i) % 12) + 1;
    const year = fiscalYear + Math.floor((startMonth - 1 + i) / 12);
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}
