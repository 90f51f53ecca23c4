/**
 * Every text the sidebar shows, in both languages. The build renders markup in English with
 * `data-t` keys; the client swaps them when the language changes. Template and node texts are
 * looked up from the templates themselves, so they have one source.
 */
import type { Lang, Localized } from '../../src/core/i18n';
import { templateById } from '../../src/core/templates';

const t = (en: string, ja: string): Localized => ({ en, ja });

export const MESSAGES = {
  title: t('KPI Tree', 'KPIツリー'),
  language: t('Language', '言語'),
  navNew: t('New tree', '新しいツリー'),
  navStatus: t('Bottlenecks', 'ボトルネック'),
  galleryHeading: t('1. Choose a template', '1. テンプレートを選ぶ'),
  planHeading: t('2. Set the plan', '2. 計画を入力する'),
  kgi: t('KGI (annual goal)', 'KGI（年間目標）'),
  kgiHint: t('e.g. 10億, 1,000,000,000 or ¥1bn', '例: 10億、1,000,000,000、¥1bn'),
  kgiCountHint: t('A count, e.g. 1,200 or 1.2k', '件数。例: 1,200、1200'),
  kgiShort: t('The KGI', 'KGI'),
  plannedValues: t('Planned values', '計画値'),
  percentConvention: t(
    'Rates and shares are percentages: type 30 for 30%; money and counts take no %. In formulas, as in Sheets, 30% is 0.3.',
    '率と構成比は%で入力します（30 は 30%）。金額と件数に % は使えません。数式ではスプレッドシートと同じく 30% は 0.3 です。',
  ),
  fiscalYear: t('Fiscal year', '年度'),
  startMonth: t('Fiscal year starts in', '期首月'),
  seasonality: t('Monthly phasing', '月次配分'),
  seasonEven: t('Even across the year', '年間で均等'),
  seasonWeights: t('Seasonal weights', '季節指数'),
  seasonHint: t('Twelve numbers in fiscal order; paste a row from a sheet.', '期首月から順に12個の数値。シートの1行を貼り付けられます。'),
  needed: t('Needed this year', '今年必要な件数'),
  newSheetLang: t('The new sheet’s labels will be in English, the language above.', '新しいシートのラベルは、上で選んだ日本語になります。'),
  build: t('Build tree sheet', 'ツリーのシートを作成'),
  building: t('Building the tree sheet…', 'ツリーのシートを作成しています…'),
  built: t('Tree sheet created:', 'ツリーのシートを作成しました:'),
  openSheet: t('Open the sheet', 'シートを開く'),
  statusHeading: t('Where the plan is breaking', '計画のボトルネック'),
  tree: t('Tree sheet', 'ツリーのシート'),
  refresh: t('Refresh', '更新'),
  loading: t('Loading…', '読み込み中…'),
  noTrees: t('No tree sheet yet. Build one from a template first.', 'ツリーのシートがまだありません。テンプレートから作成してください。'),
  period: t('Period', '期間'),
  kgiProgress: t('KGI actual / plan', 'KGI 実績 / 計画'),
  bottleneck: t('Current bottleneck', '現在のボトルネック'),
  onPlan: t('Nothing is under plan: every stage is on plan.', '未達はありません。すべての段階が計画どおりです。'),
  ownerOnPlan: t('None of these stages is under plan.', 'この担当の段階に未達はありません。'),
  noActuals: t('No actuals for this period yet.', 'この期間の実績はまだありません。'),
  checkInputFirst: t(
    'No stage can be named while a row’s input needs checking. Fix these rows first:',
    '入力を確認すべき行があるため、ボトルネックを判定できません。先に次の行を直してください:',
  ),
  notRanked: t(
    'Stages are under plan, but none can be ranked until the counts they depend on are entered.',
    '未達の段階がありますが、関係する件数が入力されるまで順位を付けられません。',
  ),
  actualToPlan: t('Actual → plan', '実績 → 計画'),
  achievement: t('Achievement', '達成率'),
  recoverable: t('KGI recoverable', '回復できるKGI'),
  thisYear: t('This year', '今年度の見通し'),
  landing: t('Landing forecast', '着地予測'),
  gapToKgi: t('Gap to the KGI', 'KGIとの差異'),
  landingWithFix: t('Landing with the fix', '改善後の着地'),
  gapWithFix: t('Gap with the fix', '改善後のKGIとの差異'),
  underPlan: t('Also under plan', 'その他の未達'),
  outcomes: t('Outcomes under plan', '未達の成果'),
  outcomesHint: t('Results of the stages, not levers: they recover as the stages do.', '段階の結果で、直接動かす指標ではありません。'),
  processKpis: t('Process KPIs under plan', '未達のプロセスKPI'),
  missing: t('Missing actuals', '実績の入力漏れ'),
  noMissing: t('Every closed month has its actuals.', '締めた月の実績はすべて入力済みです。'),
  owner: t('Owner', '担当'),
  notAYear: t('The fiscal year must be a year such as 2025.', '年度は 2025 のような西暦で入力してください。'),
  twelveWeights: t(
    'Paste twelve numbers of 0 or more, not all zero (tab, comma or space separated).',
    '0 以上の数値を12個貼り付けてください（すべて0は不可。タブ・カンマ・空白区切り）。',
  ),
  fixFields: t('Please fix the fields marked above.', '上の項目を修正してください。'),
  monthHeading: t('Month close', '月次締め'),
  closeAnyway: t('Close anyway', 'このまま締める'),
  cancel: t('Cancel', 'キャンセル'),
  ownersHeading: t('Owners', '担当者'),
  showOwner: t('Show the KPIs of', '表示する担当'),
  everyone: t('Everyone', '全員'),
  noOwner: t('No owner', '担当なし'),
  protect: t('Only owners edit their rows', '担当者だけが自分の行を編集'),
  protectHint: t(
    'Protects each row whose owner is an email address; the spreadsheet’s owners can always edit.',
    '担当がメールアドレスの行を保護します。スプレッドシートのオーナーは常に編集できます。',
  ),
  protectOff: t('Protection removed: everyone with access edits every row.', '保護を解除しました。編集権限のある人は全行を編集できます。'),
  whatIfHeading: t('What-if', 'シミュレーション'),
  whatIfHint: t(
    'Try other targets: nothing in the sheet changes until you apply them.',
    '目標を変えて試せます。「シートに反映」を押すまでシートは変わりません。',
  ),
  whatIfYields: t('KGI the plan yields', '計画の活動量で届くKGI'),
  whatIfNeeded: t('Required activity (change)', '必要な活動量（増減）'),
  whatIfBottleneck: t('Bottleneck under this what-if', 'この条件でのボトルネック'),
  noBottleneckShort: t('None', 'なし'),
  unchanged: t('unchanged', '変わらず'),
  noChange: t('no change', '変化なし'),
  applyWhatIf: t('Apply to sheet', 'シートに反映'),
  reset: t('Reset', 'リセット'),
  nothingToApply: t('Nothing is changed yet.', 'まだ何も変更していません。'),
  nothingWritten: t('The sheet already holds these values.', 'シートはすでにこの値です。'),
  addKpiHeading: t('Add a process KPI', 'プロセスKPIを追加'),
  kpiGroup: t('Stage or tactic', '段階・施策'),
  kpiPick: t('KPI', 'KPI'),
  customKpi: t('Custom name…', '名前を入力…'),
  customName: t('KPI name', 'KPI名'),
  kpiMeasure: t('Measured as', '集計方法'),
  measureCount: t('A count, added up over months', '件数（月ごとに合計）'),
  measureYen: t('Money in ¥, added up over months', '金額（¥、月ごとに合計）'),
  measureRate: t('A rate in %, each month', '率（%、毎月）'),
  measureLevel: t('Days, an average…: each month', '日数・平均など（毎月）'),
  kpiParent: t('Feeds', 'つながるKPI'),
  kpiPlan: t('Annual target', '年間目標'),
  kpiLevelPlan: t('Target (each month)', '目標（毎月）'),
  lowerIsBetter: t('Lower is better', '少ないほど良い'),
  kpiChannel: t('It is one of the channels this adds up: it joins the arithmetic', 'この合計の内訳の一つ（計算に加える）'),
  kpiChannelHint: t('The other channels’ shares shrink in proportion.', '他の内訳の構成比は比例して小さくなります。'),
  kpiShare: t('Its share', '構成比'),
  countUnit: t('count', '件'),
  addKpi: t('Add KPI', 'KPIを追加'),
  nameNeeded: t('Type a name for the KPI.', 'KPI名を入力してください。'),
  nextYearHeading: t('Next fiscal year', '次年度'),
  nextYearHint: t(
    'Starts a new sheet with this year’s targets, weights and owners, and no actuals.',
    '今年度の目標・季節指数・担当を引き継いだ新しいシートを作ります（実績は空）。',
  ),
  rollover: t('Start next year’s tree', '次年度のツリーを作成'),
  rolledOver: t('Created:', '作成しました:'),
  openNextYear: t('Open next year’s tree', '次年度のツリーを開く'),
  openedNextYear: t('Opened:', '開きました:'),
  updateHeading: t('Update this tree', 'このツリーを更新'),
  updateHint: t('Typed actuals, owners and notes are kept.', '入力した実績・担当・メモは残ります。'),
  treeLang: t('Language of the sheet', 'シートの言語'),
  updateApply: t('Update the tree sheet', 'ツリーのシートを更新'),
  updating: t('Updating the tree sheet…', 'ツリーのシートを更新しています…'),
  updatedInPlace: t('Updated in place:', '同じシートを更新しました:'),
  treeExists: t('A tree of this template exists:', 'このテンプレートのツリーがあります:'),
  updateIt: t('Update it', '既存を更新'),
  startSecond: t('Start a second tree', '2つ目を作成'),
  english: t('English', '英語'),
  japanese: t('Japanese', '日本語'),
  months: t('Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec', '1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月'),
  designHeading: t('Design check', '設計チェック'),
  designHint: t(
    'The checks a good KPI design passes, against this sheet as it stands.',
    '良い KPI 設計が満たすチェック項目を、このシートの現状で確認します。',
  ),
  designRow: t('Row to fix', '直す行'),
  designPassed: t('Passed', '合格'),
  designFailed: t('Not yet', '未達'),
  designUnknown: t('Cannot tell yet', '判定できません'),
  teamHeading: t('Team: who is stuck where', 'チーム: 誰がどこでつまずいているか'),
  teamHint: t(
    'Each person’s actuals by stage from the linked data, against their share of the plan, and their own bottleneck.',
    'リンクしたデータから担当者ごとの段階別実績を、計画の配分と比べ、各自のボトルネックを示します。',
  ),
  teamRefresh: t('Create / refresh the Team sheet', 'チームシートを作成・更新'),
  teamSplit: t('Split the KGI evenly', 'KGIを均等に配分'),
  navData: t('Data', 'データ'),
  importHeading: t('Import a CSV export', 'CSVを取り込む'),
  importHint: t(
    'A CSV or TSV file from your CRM or Excel (UTF-8 or Shift_JIS), column names in the first row. Importing the same export again replaces its sheet’s rows.',
    'CRMやExcelから書き出したCSV・TSVファイル（UTF-8またはShift_JIS、1行目が列名）。同じファイルをもう一度取り込むと、そのシートの行が置き換わります。',
  ),
  importFile: t('File', 'ファイル'),
  importSheet: t('Data sheet', 'データのシート'),
  importSheetHint: t(
    'A new sheet, or one an earlier import of this export made.',
    '新しいシート、または以前にこのファイルを取り込んだシート。',
  ),
  importRun: t('Import into the sheet', 'シートに取り込む'),
  typeDate: t('date', '日付'),
  typeDatetime: t('date and time', '日時'),
  typeWhole: t('number', '数値'),
  typeNumber: t('number', '数値'),
  typeText: t('text', '文字'),
  linkHeading: t('Link to data', 'データに連携'),
  linkHint: t(
    'Fill a count or amount from a data sheet (a CRM tab, a pasted export): its monthly actuals become formulas that follow the data.',
    '件数や金額をデータシート（CRM連携のタブ、貼り付けたエクスポートなど）から自動入力します。月次実績がデータに追従する数式になります。',
  ),
  linkNode: t('KPI', 'KPI'),
  linkSheet: t('Data sheet', 'データシート'),
  linkDate: t('Date column', '日付の列'),
  linkWhere: t('Rows where', '対象の行'),
  linkAnd: t('and where', 'さらに'),
  linkEveryRow: t('(every row)', '（すべての行）'),
  linkValues: t('equals one of', 'の値'),
  linkValuesHint: t('Several values: separate them with commas.', '複数の値はカンマ（、）で区切ります。'),
  linkMeasure: t('Measure', '集計方法'),
  linkCount: t('Count rows', '行数を数える'),
  linkLeadTime: t('Lead time (median days)', 'リードタイム（日数の中央値）'),
  linkStart: t('Start date column', '開始日の列'),
  linkStartHint: t(
    'Each month: the median whole days from this date to the date column, over the rows whose date column falls in that month.',
    '各月: 日付の列がその月に入る行の、この日付から日付の列までの日数（整数）の中央値。',
  ),
  linkChooseStart: t('Choose the start date column.', '開始日の列を選んでください。'),
  linkSameColumn: t('Choose a start date other than the date column.', '日付の列とは別の開始日の列を選んでください。'),
  linkOwner: t('Owner column (optional)', '担当者の列（任意）'),
  linkOwnerHint: t(
    "Only rows whose owner is the KPI's Owner in the tree; all rows while it is blank.",
    'ツリーの担当者と一致する行だけを数えます（担当者が空欄なら全行）。',
  ),
  linkTeam: t('(whole team)', '（チーム全体）'),
  linkPreview: t('Preview', 'プレビュー'),
  linkApply: t('Link', '連携する'),
  unlink: t('Unlink', '連携を解除'),
  linkNone: t('No KPI is linked to data yet.', 'データに連携したKPIはまだありません。'),
  linkNoSheets: t(
    'No data sheet yet: add a sheet whose first row holds headers (Date, Stage, Owner…).',
    'データシートがありません。1行目に見出し（日付、ステージ、担当者など）のあるシートを追加してください。',
  ),
  linkRate: t('A rate follows from its counts: link the counts instead.', '率は件数から計算されます。元の件数を連携してください。'),
  linkTrackedRate: t(
    'A rate: a link counts or sums rows. Link the counts it divides, or type the rate.',
    '率です。連携は行を数えるか合計します。元の件数を連携するか、率を入力してください。',
  ),
  linkTotal: t('A total adds up its channels: link the channels instead.', '合計は内訳の和です。内訳を連携してください。'),
  linkChooseSheet: t('Choose a data sheet.', 'データシートを選んでください。'),
  linkChooseDate: t('Choose the date column.', '日付の列を選んでください。'),
  linkValuesNeeded: t('Type at least one value.', '値を1つ以上入力してください。'),
  linkMonth: t('Month', '月'),
  linkFoundRows: t('Rows', '件数'),
  linkFoundSum: t('Sum', '合計'),
  linkFoundDays: t('Median days', '日数の中央値'),
  linkNoRows: t('no rows', '行なし'),
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

/** Texts with figures in them, said in both languages where the figures are known. */
export const PHRASES = {
  closeMonth: (month: string) => t(`Close ${month}`, `${month} を締める`),
  closed: (month: string, revision: number, period: string) =>
    t(
      `Closed ${month} (revision ${revision}); period is now ${period}.`,
      `${month} を締めました（第${revision}版）。期間は ${period} になりました。`,
    ),
  protectedRows: (count: number) =>
    t(
      `${count} row${count === 1 ? '' : 's'} protected: only ${count === 1 ? 'its owner edits it' : 'their owners edit them'}.`,
      `${count} 行を保護しました。担当者だけが編集できます。`,
    ),
  rowToCheck: (label: string, row: number) => t(`${label} — row ${row}`, `${label}（${row}行目）`),
  ownerBottleneck: (owner: string) => t(`Bottleneck among ${owner}’s KPIs`, `${owner} のKPIのボトルネック`),
  /** What "with the fix" means: the stage on plan in the month selected, or in every month so far. */
  fixMeans: (label: string, month: string | null) =>
    t(
      `With the fix: if ${label} had been on plan ${month === null ? 'in every month so far' : `in ${month}`}.`,
      `改善後: ${month === null ? '今年度これまで' : `${month} に`}${label}が計画どおりだった場合。`,
    ),
  ofKgi: (value: string, percent: string) => t(`${value} (${percent} of the KGI)`, `${value}（KGIの${percent}）`),
  bottleneckChanged: (now: Localized, before: Localized | null) =>
    t(`${now.en} (changed${before ? ` from ${before.en}` : ''})`, `${now.ja}（${before ? `${before.ja}から` : ''}変化）`),
  written: (labels: readonly Localized[]) =>
    t(`Written to the sheet: ${labels.map((l) => l.en).join(', ')}.`, `シートに書き込みました: ${labels.map((l) => l.ja).join('、')}`),
  sheetIn: (language: Localized) => t(`Sheet language: ${language.en}`, `シートの言語: ${language.ja}`),
  updated: (sheet: string) => t(`Updated in place: ${sheet}`, `${sheet} を更新しました`),
  importSummary: (rows: number, columns: number, encoding: string, shown: number) =>
    t(
      `${rows.toLocaleString('en-US')} rows × ${columns} columns (${encoding}); the first ${shown} below.`,
      `${rows.toLocaleString('ja-JP')} 行 × ${columns} 列（${encoding}）。最初の ${shown} 行を表示しています。`,
    ),
  importing: (written: number, rows: number) =>
    t(
      `Importing… ${written.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows`,
      `取り込み中… ${rows.toLocaleString('ja-JP')} 行中 ${written.toLocaleString('ja-JP')} 行`,
    ),
  imported: (rows: number, sheet: string, replaced: boolean) =>
    t(
      replaced
        ? `Replaced the rows of “${sheet}”: ${rows.toLocaleString('en-US')} rows imported.`
        : `Imported ${rows.toLocaleString('en-US')} rows into “${sheet}”.`,
      `「${sheet}」に ${rows.toLocaleString('ja-JP')} 行を取り込みました${replaced ? '（以前の行を置き換えました）' : ''}。`,
    ),
  linkSum: (column: string) => t(`Sum of ${column}`, `${column}の合計`),
  linkDays: (days: string) => t(`${days} days`, `${days}日`),
  linkLatest: (sheet: string, latest: string | null) => t(`${sheet}: latest ${latest ?? '—'}`, `${sheet}: 最新 ${latest ?? '—'}`),
  linkMatched: (matched: number, latest: string | null, typed: number) =>
    t(
      `${matched} matching row${matched === 1 ? '' : 's'}; latest date ${latest ?? '—'}.${typed > 0 ? ` Replaces ${typed} typed month${typed === 1 ? '' : 's'}.` : ''}`,
      `条件に合う行 ${matched} 件、最新の日付 ${latest ?? '—'}。${typed > 0 ? `入力済みの ${typed} か月分を置き換えます。` : ''}`,
    ),
  linked: (label: string, sheet: string) => t(`Linked ${label} to ${sheet}.`, `${label}を「${sheet}」に連携しました。`),
  unlinked: (label: string) =>
    t(`Unlinked ${label}: its actuals are typed again.`, `${label}の連携を解除しました。実績は手入力に戻りました。`),
  added: (label: Localized, parent: Localized) =>
    t(`Added “${label.en}” under ${parent.en}.`, `「${label.ja}」を「${parent.ja}」の下に追加しました。`),
  designPassedCount: (passed: number, of: number) => t(`${passed} of ${of} passed`, `${of} 項目中 ${passed} 項目が合格`),
} satisfies Record<string, (...args: never[]) => Localized>;

const monthNames = (lang: Lang): string[] => MESSAGES.months[lang].split(',');

/**
 * A key of the markup: a message, `tpl.<template>.name|summary`, `node.<template>.<node>`
 * or `month.<1–12>`.
 * Unknown keys throw, so a typo fails the build rather than showing a blank.
 */
export function textFor(key: string): Localized {
  if (key in MESSAGES) return MESSAGES[key as MessageKey];
  const [kind, templateId, part] = key.split('.');
  const month = kind === 'month' ? Number(templateId) - 1 : -1;
  if (month >= 0 && month < 12) return { en: monthNames('en')[month], ja: monthNames('ja')[month] };
  const template = templateById(templateId ?? '');
  if (template && kind === 'tpl' && (part === 'name' || part === 'summary')) return template[part];
  const node = template?.nodes.find((n) => n.id === part);
  if (node && kind === 'node') return node.label;
  throw new Error(`No text for key "${key}"`);
}
