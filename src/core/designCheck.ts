import type { Lang, Localized } from './i18n';
import { isStage, orderTree, type Tree, type TreeNode } from './tree';

/**
 * The design check: the checklist the domain's sources ask a KPI design to pass (002, 004 in
 * shared/domain.md), answered from the tree sheet as it stands. Each check is passed, failed (with
 * the row to fix and a one-line reason) or cannot be said yet (no last year to compare with).
 *
 * Two terms the checklist leaves open, as this check reads them:
 * - **Main KPIs** (主要KPI, "the ones with the largest effect on the KGI", 3 to 5 of them): the
 *   stages a team acts on, the levers at the leaves of the tree's arithmetic (a bottleneck is
 *   always one of them), that the tree marks as main KPIs. Outcomes computed from them (orders,
 *   deals) and process KPIs (calls made, pages viewed) are not counted.
 * - **Quality covered, not only volume** ("satisfaction, proposal quality, complaint rate"): at
 *   least one KPI is a rate (a win rate, retention, churn) or a lower-is-better KPI (complaints),
 *   not only counts and amounts.
 */

/** A KPI's row as the sheet shows it now. */
export interface DesignRow {
  /** The label as the sheet shows it (people may have renamed it). */
  readonly label: string;
  readonly owner: string;
  /** The definition cell: its formula and counting rule (計算式・集計ルール). */
  readonly definition: string;
  /** The annual target the sheet computes or holds; null where it is blank (an input missing). */
  readonly target: number | null;
  /** Whether the cells people type on this row keep their input rule (Sheets' data validation). */
  readonly inputRule: boolean;
}

/** Last year's actual rates by node id, and where they were read from. */
export interface LastYear {
  readonly source: Localized;
  readonly rates: ReadonlyMap<string, number>;
}

/** The tree sheet as the design check reads it. */
export interface TreeDesign {
  /** The tree, planned values applied. */
  readonly tree: Tree;
  /** Each node's row, by node id; a node without a row is left out. */
  readonly rows: ReadonlyMap<string, DesignRow>;
  readonly kgi: number | null;
  readonly fiscalYear: number | null;
  readonly startMonth: number | null;
  /** What the plan's activity yields at the top (the KGI row's forward figure); null when it cannot be said. */
  readonly planYield: number | null;
  /** Whether the sheet still flags blank actuals of ended months (its missing-input rule). */
  readonly missingInputAlerts: boolean;
  readonly lastYear: LastYear | null;
}

export const CHECK_IDS = [
  'kgi',
  'mainKpis',
  'targets',
  'definitions',
  'owners',
  'inputRules',
  'coherence',
  'realistic',
  'quality',
  'alerts',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface DesignCheck {
  readonly id: CheckId;
  readonly state: 'passed' | 'failed' | 'unknown';
  /** The check, said as what a good design has. */
  readonly title: Localized;
  /** The row to fix (its label as the sheet shows it); null when the fix is not one row. */
  readonly row: string | null;
  /** One line: why it failed and what to do, or what was found; null when passed with nothing to add. */
  readonly reason: Localized | null;
}

/** 3 to 5 main KPIs, as the articles advise. */
export const MAIN_KPIS = { min: 3, max: 5 } as const;
/**
 * A planned rate more than this many times last year's actual (less than it, divided by this,
 * for lower-is-better rates) is flagged as unrealistic: a win rate planned at 40% after a year
 * at 22% (×1.8) is flagged; 25% after 22% (×1.14) is an improvement a team can plan for.
 */
export const REALISTIC_STRETCH = 1.25;

const t = (en: string, ja: string): Localized => ({ en, ja });

const TITLES: Record<CheckId, Localized> = {
  kgi: t('The KGI is a number with a deadline', 'KGI が数値と期限で決まっている'),
  mainKpis: t(`${MAIN_KPIS.min} to ${MAIN_KPIS.max} main KPIs`, `主要KPI は ${MAIN_KPIS.min}〜${MAIN_KPIS.max} 個`),
  targets: t('Every KPI has a target', 'すべての KPI に目標値がある'),
  definitions: t('Every KPI has a written definition', 'すべての KPI に定義（計算式・集計ルール）がある'),
  owners: t('Every KPI has an owner', 'すべての KPI に担当者がいる'),
  inputRules: t('Every KPI keeps its input rule', 'すべての KPI に入力ルールがある'),
  coherence: t("The plan's activity reaches the KGI", '計画の活動量で KGI に届く'),
  realistic: t("Rates are realistic against last year's actuals", '率の目標が前年実績から見て現実的'),
  quality: t('Quality is covered, not only volume', '量だけでなく質も測っている'),
  alerts: t('Missing-input alerts are on', '入力漏れのアラートが有効'),
};

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** "Win rate, Deal rate and 2 more": the first rows named, the rest counted. */
function names(rows: readonly string[], lang: Lang): string {
  const shown = rows.slice(0, 2);
  const more = rows.length - shown.length;
  if (lang === 'ja') return shown.map((r) => `「${r}」`).join('') + (more > 0 ? `ほか ${more} 件` : '');
  return shown.map((r) => `"${r}"`).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

const check = (id: CheckId, state: DesignCheck['state'], row: string | null = null, reason: Localized | null = null): DesignCheck => ({
  id,
  state,
  title: TITLES[id],
  row,
  reason,
});

/** A check over rows: passed when none fails, else the first to fix and how many more. */
function everyRow(id: CheckId, failing: readonly string[], reason: Localized): DesignCheck {
  if (failing.length === 0) return check(id, 'passed');
  return check(id, 'failed', failing[0], {
    en: reason.en.replace('{rows}', names(failing, 'en')),
    ja: reason.ja.replace('{rows}', names(failing, 'ja')),
  });
}

export function checkDesign(design: TreeDesign): DesignCheck[] {
  const nodes = orderTree(design.tree);
  const root = nodes[0];
  const rowOf = (node: TreeNode) => design.rows.get(node.id);
  const label = (node: TreeNode) => rowOf(node)?.label ?? node.label.en;
  const kgiRow = label(root);
  const kpis = nodes.filter((n) => n !== root && rowOf(n));
  const failing = (bad: (node: TreeNode, row: DesignRow) => boolean) => kpis.filter((n) => bad(n, rowOf(n)!)).map(label);
  // A target left blank shows blank on every row computed from it: the row whose own planned
  // value is missing (a rate, a size, a process KPI's target) is the one to fix, so it comes first.
  const ownPlan = (n: TreeNode) => n.kind === 'factor' || n.kind === 'tracked';
  const untargeted = [...kpis.filter(ownPlan), ...kpis.filter((n) => !ownPlan(n))].filter((n) => rowOf(n)!.target === null).map(label);

  const checks: DesignCheck[] = [];

  // The KGI: a number above 0, and a deadline (the fiscal year's end, from its year and start month).
  if (design.kgi === null || !(design.kgi > 0)) {
    checks.push(check('kgi', 'failed', kgiRow, t('Type the KGI as a number above 0.', 'KGI を 0 より大きい数値で入力してください。')));
  } else if (design.fiscalYear === null || design.startMonth === null) {
    checks.push(
      check(
        'kgi',
        'failed',
        kgiRow,
        t(
          'Set the fiscal year and its start month: they give the KGI its deadline.',
          '年度と期首月を入力してください。KGI の期限になります。',
        ),
      ),
    );
  } else {
    const end = new Date(Date.UTC(design.fiscalYear, design.startMonth - 1 + 11, 1));
    const month = `${end.getUTCFullYear()}-${String(end.getUTCMonth() + 1).padStart(2, '0')}`;
    checks.push(check('kgi', 'passed', null, t(`Due by the end of ${month}.`, `期限は ${month} 末です。`)));
  }

  const main = kpis.filter((n) => n.role === 'main' && isStage(n)).map(label);
  const count = main.length;
  if (count < MAIN_KPIS.min || count > MAIN_KPIS.max) {
    const fewer = count < MAIN_KPIS.min;
    checks.push(
      check(
        'mainKpis',
        'failed',
        fewer ? null : main[MAIN_KPIS.max],
        fewer
          ? t(
              `Only ${count} main KPIs: choose ${MAIN_KPIS.min} to ${MAIN_KPIS.max} stages your teams act on.`,
              `主要KPI が ${count} 個だけです。チームが動かせる段階を ${MAIN_KPIS.min}〜${MAIN_KPIS.max} 個選んでください。`,
            )
          : t(
              `${count} main KPIs: keep the ${MAIN_KPIS.max} with the largest effect on the KGI and track the rest as process KPIs.`,
              `主要KPI が ${count} 個あります。KGI への影響が大きい ${MAIN_KPIS.max} 個に絞り、残りはプロセスKPI にしてください。`,
            ),
      ),
    );
  } else {
    checks.push(check('mainKpis', 'passed', null, { en: main.join(', '), ja: main.join('、') }));
  }

  checks.push(
    everyRow(
      'targets',
      untargeted,
      t('{rows}: no target. Type the planned value.', '{rows}：目標値がありません。計画値を入力してください。'),
    ),
    everyRow(
      'definitions',
      failing((_, row) => row.definition.trim() === ''),
      t(
        '{rows}: no definition. Write the formula and how it is counted.',
        '{rows}：定義がありません。計算式と集計ルールを書いてください。',
      ),
    ),
    everyRow(
      'owners',
      failing((_, row) => String(row.owner).trim() === ''),
      t('{rows}: no owner. Name the person or team who moves it.', '{rows}：担当者がいません。動かす人かチームを入力してください。'),
    ),
    everyRow(
      'inputRules',
      failing((_, row) => !row.inputRule),
      t(
        "{rows}: the input rule (the cells' data validation) is gone. Update the tree to restore it.",
        '{rows}：入力ルール（データの入力規則）が消えています。ツリーを更新して戻してください。',
      ),
    ),
  );

  // Coherence: the plan's activity multiplied forward reaches the KGI (the sheet's row 3).
  if (design.kgi === null || !(design.kgi > 0) || design.planYield === null) {
    checks.push(
      check(
        'coherence',
        'failed',
        kgiRow,
        t(
          "The plan's activity cannot be multiplied forward: an input is missing.",
          '計画の活動量から順算できません。未入力の値があります。',
        ),
      ),
    );
  } else if (design.planYield < design.kgi) {
    const share = pct(design.planYield / design.kgi);
    // The volume whose typed target overrides the reverse calculation is what falls short.
    const override = nodes.find((n) => n.kind === 'volume' && n.plan !== undefined && parentCombine(nodes, n) === 'product');
    checks.push(
      check(
        'coherence',
        'failed',
        override ? label(override) : kgiRow,
        t(
          `The plan's activity yields ${share} of the KGI: raise the targets.`,
          `計画の活動量では KGI の ${share} にしか届きません。目標を上げてください。`,
        ),
      ),
    );
  } else {
    checks.push(
      check(
        'coherence',
        'passed',
        null,
        t(`${pct(design.planYield / design.kgi)} of the KGI.`, `KGI の ${pct(design.planYield / design.kgi)}。`),
      ),
    );
  }

  checks.push(realistic(kpis, design, label));

  const quality = kpis.filter((n) => n.unit === 'rate' || n.lowerIsBetter === true);
  checks.push(
    quality.length > 0
      ? check('quality', 'passed', null, { en: quality.slice(0, 3).map(label).join(', '), ja: quality.slice(0, 3).map(label).join('、') })
      : check(
          'quality',
          'failed',
          null,
          t(
            'Every KPI counts volume: add one that measures quality (a win rate, satisfaction, a complaint rate).',
            'すべて量の KPI です。質を測る KPI（受注率、満足度、クレーム率など）を加えてください。',
          ),
        ),
  );

  checks.push(
    design.missingInputAlerts
      ? check('alerts', 'passed')
      : check(
          'alerts',
          'failed',
          null,
          t(
            "The sheet's rule that colours blank actuals of ended months is gone: update the tree to restore it.",
            '締めた月の未入力実績に色を付けるルールが消えています。ツリーを更新して戻してください。',
          ),
        ),
  );
  return checks;
}

const parentCombine = (nodes: readonly TreeNode[], node: TreeNode) => nodes.find((n) => n.id === node.parent)?.combine;

/** Planned rates against last year's actual rates: one far above (below, when lower is better) is flagged. */
function realistic(kpis: readonly TreeNode[], design: TreeDesign, label: (node: TreeNode) => string): DesignCheck {
  const lastYear = design.lastYear;
  const compared = lastYear ? kpis.filter((n) => n.unit === 'rate' && lastYear.rates.has(n.id)) : [];
  if (!lastYear || compared.length === 0) {
    return check(
      'realistic',
      'unknown',
      null,
      t(
        "No last year's actual rates to compare with (last year's tree or History).",
        '比べる前年の実績率がありません（前年のツリーまたは履歴）。',
      ),
    );
  }
  for (const node of compared) {
    const plan = design.rows.get(node.id)?.target ?? null;
    const actual = lastYear.rates.get(node.id)!;
    if (plan === null) continue;
    const far = node.lowerIsBetter ? plan * REALISTIC_STRETCH < actual : plan > actual * REALISTIC_STRETCH;
    if (far) {
      return check(
        'realistic',
        'failed',
        label(node),
        t(
          `Planned at ${pct(plan)} after ${pct(actual)} last year (${lastYear.source.en}): plan a reachable step or say how it will change.`,
          `前年実績 ${pct(actual)}（${lastYear.source.ja}）に対し計画 ${pct(plan)} です。届く目標にするか、変える施策を決めてください。`,
        ),
      );
    }
  }
  return check('realistic', 'passed', null, t(`Compared with ${lastYear.source.en}.`, `${lastYear.source.ja}と比較しました。`));
}

/**
 * Last year's actual rate of each rate factor, from last year's monthly actuals: in a product
 * (orders = deals × win rate) the rate is Σ outcome ÷ Σ volume over the months where both are
 * entered (a blank month is missing input, not a month of zero), 1 − that for a complement (churn).
 */
export function actualRates(tree: Tree, monthly: (nodeId: string) => readonly (number | null)[] | undefined): Map<string, number> {
  const rates = new Map<string, number>();
  for (const node of orderTree(tree)) {
    if (node.kind !== 'factor' || node.unit !== 'rate' || !node.partner || node.parent === null) continue;
    const outcome = monthly(node.parent);
    const volume = monthly(node.partner.id);
    if (!outcome || !volume) continue;
    let made = 0;
    let from = 0;
    outcome.forEach((o, m) => {
      const v = volume[m];
      if (o !== null && v !== null && v !== undefined) {
        made += o;
        from += v;
      }
    });
    if (from > 0) rates.set(node.id, node.complement ? 1 - made / from : made / from);
  }
  return rates;
}
