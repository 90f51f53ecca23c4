import type { Localized } from './i18n';
import type { NodeDef, Tree } from './tree';

export type TemplateId = 'new_business' | 'account_sales' | 'inside_sales' | 'customer_success' | 'digital_sales' | 'b2b_pipeline';

export interface Template extends Tree {
  readonly id: TemplateId;
  readonly name: Localized;
  /** One line for the gallery. */
  readonly summary: Localized;
  /** The KGI a new plan starts from. */
  readonly kgi: number;
}

const t = (en: string, ja: string): Localized => ({ en, ja });

/** Node shorthands: the templates read like the tree they describe. */
const goal = (id: string, unit: 'yen' | 'count', label: Localized, definition: Localized, combine: 'product' | 'sum'): NodeDef => ({
  id,
  parent: null,
  kind: 'goal',
  unit,
  label,
  definition,
  combine,
  role: 'kgi',
});

const volume = (
  id: string,
  parent: string,
  unit: 'yen' | 'count',
  label: Localized,
  definition: Localized,
  extra: Partial<NodeDef> = {},
): NodeDef => ({ id, parent, kind: 'volume', unit, label, definition, role: 'main', ...extra });

const factor = (
  id: string,
  parent: string,
  unit: 'yen' | 'count' | 'rate',
  plan: number,
  label: Localized,
  definition: Localized,
  extra: Partial<NodeDef> = {},
): NodeDef => ({ id, parent, kind: 'factor', unit, plan, label, definition, role: 'main', ...extra });

const tracked = (
  id: string,
  parent: string,
  plan: number,
  label: Localized,
  definition: Localized,
  extra: Partial<NodeDef> = {},
): NodeDef => ({ id, parent, kind: 'tracked', unit: 'count', plan, label, definition, role: 'process', ...extra });

const newBusiness: Template = {
  id: 'new_business',
  name: t('New business', '新規開拓営業'),
  summary: t('Revenue from new customers: visits → leads → deals → orders.', '新規顧客からの売上を 訪問→リード→商談→受注 で分解'),
  kgi: 1_000_000_000,
  nodes: [
    goal(
      'revenue',
      'yen',
      t('Revenue', '売上'),
      t('Orders × average deal size; booked revenue of the month', '受注件数 × 顧客単価。当月計上の売上'),
      'product',
    ),
    volume(
      'orders',
      'revenue',
      'count',
      t('Orders', '受注件数'),
      t('Deals × win rate; contracts signed in the month', '商談数 × 受注率。当月の契約締結数'),
      { combine: 'product' },
    ),
    factor('deal_size', 'revenue', 'yen', 2_000_000, t('Average deal size', '顧客単価'), t('Revenue ÷ orders', '売上 ÷ 受注件数')),
    volume(
      'deals',
      'orders',
      'count',
      t('Deals', '商談数'),
      t('Leads × deal rate; first meetings held with a need confirmed', 'リード数 × 商談化率。ニーズを確認した初回商談の数'),
      { combine: 'product' },
    ),
    factor('win_rate', 'orders', 'rate', 0.3, t('Win rate', '受注率'), t('Orders ÷ deals', '受注件数 ÷ 商談数')),
    volume(
      'leads',
      'deals',
      'count',
      t('New leads', '新規リード数'),
      t('Visits × lead rate; contacts who agreed to a follow-up', '訪問数 × リード獲得率。継続接触に合意した見込み客'),
      { combine: 'product' },
    ),
    factor('deal_rate', 'deals', 'rate', 0.2, t('Deal rate', '商談化率'), t('Deals ÷ leads', '商談数 ÷ リード数')),
    volume(
      'visits',
      'leads',
      'count',
      t('Visits', '訪問数'),
      t('Prospect visits made, counted per company per day', '見込み客への訪問数（1社1日1件で集計）'),
      { role: 'process' },
    ),
    factor('lead_rate', 'leads', 'rate', 0.25, t('Lead rate', 'リード獲得率'), t('Leads ÷ visits', 'リード数 ÷ 訪問数'), {
      role: 'process',
    }),
    tracked('proposals', 'deals', 900, t('Proposals', '提案数'), t('Written proposals submitted', '提出した提案書の数')),
  ],
};

const accountSales: Template = {
  id: 'account_sales',
  name: t('Account sales', 'ルート営業'),
  summary: t(
    'Revenue from existing accounts: retention, repeat purchases and upsell.',
    '既存顧客の売上を 継続・リピート・アップセル で分解',
  ),
  kgi: 600_000_000,
  nodes: [
    goal('revenue', 'yen', t('Revenue', '売上'), t('Existing-customer revenue + upsell revenue', '既存売上 + アップセル売上'), 'sum'),
    volume(
      'existing_revenue',
      'revenue',
      'yen',
      t('Existing-customer revenue', '既存顧客売上'),
      t('Purchases × average price', '購入回数 × 平均単価'),
      { combine: 'product', plan: 0.8 },
    ),
    volume(
      'purchases',
      'existing_revenue',
      'count',
      t('Purchases', '購入回数'),
      t('Retained customers × purchases per customer', '継続顧客数 × 顧客あたり購入回数'),
      { combine: 'product' },
    ),
    factor(
      'price',
      'existing_revenue',
      'yen',
      500_000,
      t('Average price', '平均単価'),
      t('Existing revenue ÷ purchases', '既存売上 ÷ 購入回数'),
    ),
    volume(
      'retained',
      'purchases',
      'count',
      t('Retained customers', '継続顧客数'),
      t('Customers × retention rate; bought at least once this year, to date', '顧客数 × 継続率。今年1回以上購入した顧客（累計）'),
      { combine: 'product', stock: true },
    ),
    factor(
      'repeat',
      'purchases',
      'count',
      4,
      t('Purchases per customer', '顧客あたり購入回数'),
      t('Purchases ÷ retained customers (repeat rate)', '購入回数 ÷ 継続顧客数（リピート率）'),
    ),
    volume('customers', 'retained', 'count', t('Customers', '顧客数'), t('Active accounts at the start of the year', '期初の取引先数'), {
      role: 'process',
      stock: true,
    }),
    factor('retention', 'retained', 'rate', 0.9, t('Retention rate', '継続率'), t('Retained customers ÷ customers', '継続顧客数 ÷ 顧客数')),
    volume(
      'upsell_revenue',
      'revenue',
      'yen',
      t('Upsell revenue', 'アップセル売上'),
      t('Upsell orders × upsell price', 'アップセル件数 × アップセル単価'),
      { combine: 'product', plan: 0.2 },
    ),
    volume(
      'upsells',
      'upsell_revenue',
      'count',
      t('Upsell orders', 'アップセル件数'),
      t('Accounts pitched × upsell rate', '提案先数 × アップセル率'),
      { combine: 'product' },
    ),
    factor(
      'upsell_price',
      'upsell_revenue',
      'yen',
      1_000_000,
      t('Upsell price', 'アップセル単価'),
      t('Upsell revenue ÷ upsell orders', 'アップセル売上 ÷ アップセル件数'),
    ),
    volume(
      'pitched',
      'upsells',
      'count',
      t('Accounts pitched', 'アップセル提案先数'),
      t('Accounts given an upsell proposal', 'アップセル提案をした取引先数'),
      { role: 'process' },
    ),
    factor(
      'upsell_rate',
      'upsells',
      'rate',
      0.3,
      t('Upsell rate', 'アップセル率'),
      t('Upsell orders ÷ accounts pitched', 'アップセル件数 ÷ 提案先数'),
    ),
    tracked(
      'account_visits',
      'retained',
      2400,
      t('Account visits', '訪問回数'),
      t('Visits to existing accounts (visit frequency)', '既存顧客への訪問回数（訪問頻度）'),
    ),
    tracked(
      'complaints',
      'retained',
      12,
      t('Complaints', 'クレーム件数'),
      t('Complaints logged; lower is better', '記録したクレームの件数。少ないほど良い'),
      { lowerIsBetter: true },
    ),
  ],
};

const insideSales: Template = {
  id: 'inside_sales',
  name: t('Inside sales', 'インサイドセールス'),
  summary: t('Meetings handed to field sales from calls and qualified leads.', '架電とSQLからフィールドセールスへ渡す商談数'),
  kgi: 1_200,
  nodes: [
    goal(
      'meetings',
      'count',
      t('Meetings set', '商談設定数'),
      t('Meetings accepted by field sales', 'フィールドセールスが受け入れた商談数'),
      'sum',
    ),
    volume(
      'call_meetings',
      'meetings',
      'count',
      t('Meetings from calls', '架電からの商談'),
      t('Appointments × meeting rate', 'アポイント数 × 商談化率'),
      { combine: 'product', plan: 0.6 },
    ),
    volume(
      'appointments',
      'call_meetings',
      'count',
      t('Appointments', 'アポイント数'),
      t('Connects × appointment rate', '接続数 × アポ率'),
      { combine: 'product' },
    ),
    factor(
      'meeting_rate',
      'call_meetings',
      'rate',
      0.7,
      t('Meeting rate', '商談化率'),
      t('Meetings ÷ appointments', '商談数 ÷ アポイント数'),
    ),
    volume(
      'connects',
      'appointments',
      'count',
      t('Connects', '接続数'),
      t('Calls × connect rate; reached the person in charge', '架電数 × 接続率。担当者と話せた数'),
      { combine: 'product' },
    ),
    factor(
      'appointment_rate',
      'appointments',
      'rate',
      0.1,
      t('Appointment rate', 'アポ率'),
      t('Appointments ÷ connects', 'アポイント数 ÷ 接続数'),
    ),
    volume('calls', 'connects', 'count', t('Calls', '架電数'), t('Outbound calls dialled', '発信した架電の数'), { role: 'process' }),
    factor('connect_rate', 'connects', 'rate', 0.2, t('Connect rate', '接続率'), t('Connects ÷ calls', '接続数 ÷ 架電数'), {
      role: 'process',
    }),
    volume(
      'lead_meetings',
      'meetings',
      'count',
      t('Meetings from SQLs', 'SQLからの商談'),
      t('SQLs × SQL meeting rate', 'SQL数 × SQL商談化率'),
      { combine: 'product', plan: 0.4 },
    ),
    volume('sqls', 'lead_meetings', 'count', t('SQLs', 'SQL数'), t('MQLs × MQL→SQL rate', 'MQL数 × MQL→SQL転換率'), { combine: 'product' }),
    factor('sql_meeting_rate', 'lead_meetings', 'rate', 0.5, t('SQL meeting rate', 'SQL商談化率'), t('Meetings ÷ SQLs', '商談数 ÷ SQL数')),
    volume(
      'mqls',
      'sqls',
      'count',
      t('MQLs', 'MQL数'),
      t('Marketing-qualified leads handed over', 'マーケティングから受け取った有望リード'),
      { role: 'process' },
    ),
    factor('mql_sql_rate', 'sqls', 'rate', 0.3, t('MQL→SQL rate', 'MQL→SQL転換率'), t('SQLs ÷ MQLs', 'SQL数 ÷ MQL数')),
    tracked('emails_opened', 'mqls', 6000, t('Emails opened', 'メール開封数'), t('Nurture emails opened', 'ナーチャリングメールの開封数')),
  ],
};

const customerSuccess: Template = {
  id: 'customer_success',
  name: t('Customer success', 'カスタマーサクセス'),
  summary: t(
    'Recurring revenue from keeping and adding customers; churn is lower-is-better.',
    '継続と新規で積み上げる継続売上。解約率は低いほど良い',
  ),
  kgi: 360_000_000,
  nodes: [
    goal(
      'recurring_revenue',
      'yen',
      t('Recurring revenue', '継続売上'),
      t('Customers × revenue per customer', '顧客数 × 顧客単価'),
      'product',
    ),
    volume(
      'customers',
      'recurring_revenue',
      'count',
      t('Customers', '顧客数'),
      t('Retained + new customers, at month end', '継続顧客 + 新規顧客（月末時点）'),
      { combine: 'sum', stock: true },
    ),
    factor(
      'arpa',
      'recurring_revenue',
      'yen',
      600_000,
      t('Revenue per customer', '顧客単価'),
      t('Recurring revenue ÷ customers', '継続売上 ÷ 顧客数'),
    ),
    volume(
      'retained',
      'customers',
      'count',
      t('Retained customers', '継続顧客数'),
      t('Opening customers × (1 − churn rate), at month end', '期初顧客数 × (1 − 解約率)（月末時点）'),
      { combine: 'product', plan: 0.85, stock: true },
    ),
    volume(
      'opening',
      'retained',
      'count',
      t('Opening customers', '期初顧客数'),
      t('Customers under contract at the start of the year', '期初時点の契約顧客数'),
      { role: 'process', stock: true },
    ),
    factor(
      'churn',
      'retained',
      'rate',
      0.08,
      t('Churn rate', '解約率'),
      t('1 − retained ÷ opening customers, since the start of the year', '1 − 継続顧客数 ÷ 期初顧客数（期初から）'),
      { complement: true, lowerIsBetter: true },
    ),
    volume(
      'new_customers',
      'customers',
      'count',
      t('New customers', '新規顧客数'),
      t('Contracts started this year, to date', '今年開始した契約数（累計）'),
      { plan: 0.15, stock: true },
    ),
    tracked(
      'onboarded',
      'retained',
      80,
      t('Onboardings completed', 'オンボーディング完了数'),
      t('Customers who finished onboarding', 'オンボーディングを完了した顧客数'),
    ),
    tracked(
      'active_users',
      'retained',
      4000,
      t('Active users', 'アクティブユーザー数'),
      t('Users active in the month (usage)', '当月に利用したユーザー数（利用率）'),
    ),
  ],
};

const digitalSales: Template = {
  id: 'digital_sales',
  name: t('Digital sales', 'デジタルセールス'),
  summary: t(
    'Site views → leads → free online consultations → deals → proposals → orders.',
    'サイト閲覧→リード→無料オンライン相談→商談→提案→受注',
  ),
  kgi: 300_000_000,
  nodes: [
    goal('revenue', 'yen', t('Revenue', '売上'), t('Orders × average deal size', '受注件数 × 顧客単価'), 'product'),
    volume('orders', 'revenue', 'count', t('Orders', '受注件数'), t('Proposals × win rate', '提案数 × 受注率'), { combine: 'product' }),
    factor('deal_size', 'revenue', 'yen', 1_500_000, t('Average deal size', '顧客単価'), t('Revenue ÷ orders', '売上 ÷ 受注件数')),
    volume('proposals', 'orders', 'count', t('Proposals', '提案数'), t('Deals × proposal rate', '商談数 × 提案率'), { combine: 'product' }),
    factor('win_rate', 'orders', 'rate', 0.3, t('Win rate', '受注率'), t('Orders ÷ proposals', '受注件数 ÷ 提案数')),
    volume('deals', 'proposals', 'count', t('Deals', '商談数'), t('Consultations × deal rate', '相談数 × 商談化率'), {
      combine: 'product',
    }),
    factor('proposal_rate', 'proposals', 'rate', 0.6, t('Proposal rate', '提案率'), t('Proposals ÷ deals', '提案数 ÷ 商談数')),
    volume(
      'consultations',
      'deals',
      'count',
      t('Free online consultations', '無料オンライン相談数'),
      t('Leads × consultation rate; the CSF of this plan', 'リード数 × 相談率。この計画の重要成功要因'),
      { combine: 'product', role: 'csf' },
    ),
    factor('deal_rate', 'deals', 'rate', 0.5, t('Deal rate', '商談化率'), t('Deals ÷ consultations', '商談数 ÷ 相談数')),
    volume('leads', 'consultations', 'count', t('Leads', 'リード数'), t('Site views × conversion rate', 'サイト閲覧数 × CVR'), {
      combine: 'product',
    }),
    factor(
      'consultation_rate',
      'consultations',
      'rate',
      0.2,
      t('Consultation rate', '相談率'),
      t('Consultations ÷ leads', '相談数 ÷ リード数'),
    ),
    volume('views', 'leads', 'count', t('Site views', 'サイト閲覧数'), t('Sessions on the product site', '製品サイトのセッション数'), {
      role: 'process',
    }),
    factor('cvr', 'leads', 'rate', 0.01, t('Conversion rate (CVR)', 'CVR'), t('Leads ÷ site views', 'リード数 ÷ サイト閲覧数'), {
      role: 'process',
    }),
    tracked(
      'case_views',
      'views',
      20000,
      t('Case-study page views', '導入事例ページ閲覧数'),
      t('Views of the pages buyers read before asking', '購入検討者が問い合わせ前に読むページの閲覧数'),
    ),
  ],
};

const b2bPipeline: Template = {
  id: 'b2b_pipeline',
  name: t('B2B marketing pipeline', 'BtoBマーケティング'),
  summary: t('Pipeline value from web, seminar and exhibition leads.', 'Web・セミナー・展示会のリードから作るパイプライン'),
  kgi: 800_000_000,
  nodes: [
    goal(
      'pipeline',
      'yen',
      t('Pipeline value', 'パイプライン金額'),
      t('Qualified deals × deal size (late stage)', '有効商談数 × 商談単価（後期指標）'),
      'product',
    ),
    volume(
      'qualified',
      'pipeline',
      'count',
      t('Qualified deals', '有効商談数'),
      t('Appointments × qualification rate (middle stage)', 'アポイント数 × 有効化率（中期指標）'),
      { combine: 'product' },
    ),
    factor(
      'deal_size',
      'pipeline',
      'yen',
      2_000_000,
      t('Deal size', '商談単価'),
      t('Pipeline value ÷ qualified deals', 'パイプライン金額 ÷ 有効商談数'),
    ),
    volume(
      'appointments',
      'qualified',
      'count',
      t('Appointments', 'アポイント数'),
      t('Leads × appointment rate (early stage)', 'リード数 × アポ率（初期指標）'),
      { combine: 'product' },
    ),
    factor(
      'qualification_rate',
      'qualified',
      'rate',
      0.5,
      t('Qualification rate', '有効化率'),
      t('Qualified deals ÷ appointments', '有効商談数 ÷ アポイント数'),
    ),
    volume(
      'leads',
      'appointments',
      'count',
      t('Leads', 'リード数'),
      t('Web + seminar + exhibition leads', 'Web + セミナー + 展示会のリード'),
      { combine: 'sum' },
    ),
    factor(
      'appointment_rate',
      'appointments',
      'rate',
      0.15,
      t('Appointment rate', 'アポ率'),
      t('Appointments ÷ leads', 'アポイント数 ÷ リード数'),
    ),
    volume('web_leads', 'leads', 'count', t('Web leads', 'Webリード'), t('Form conversions on the site', 'サイトのフォームからの獲得'), {
      plan: 0.5,
      role: 'process',
    }),
    volume(
      'seminar_leads',
      'leads',
      'count',
      t('Seminar leads', 'セミナーリード'),
      t('Attendees of live and online seminars', 'セミナー（会場・オンライン）参加者'),
      { plan: 0.3, role: 'process' },
    ),
    volume(
      'exhibition_leads',
      'leads',
      'count',
      t('Exhibition leads', '展示会リード'),
      t('Cards collected at the booth', 'ブースで獲得した名刺'),
      { plan: 0.2, role: 'process' },
    ),
    tracked(
      'web_sessions',
      'web_leads',
      120000,
      t('Web sessions', 'Webセッション数'),
      t('Sessions on the corporate site', 'コーポレートサイトのセッション数'),
    ),
    tracked(
      'seminar_signups',
      'seminar_leads',
      3000,
      t('Seminar registrations', 'セミナー申込数'),
      t('Registrations for seminars held', '開催セミナーの申込数'),
    ),
    tracked(
      'booth_visitors',
      'exhibition_leads',
      2500,
      t('Booth visitors', 'ブース来場者数'),
      t('Visitors counted at the booth', 'ブースの来場者数'),
    ),
  ],
};

export const TEMPLATES: readonly Template[] = [newBusiness, accountSales, insideSales, customerSuccess, digitalSales, b2bPipeline];

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((tpl) => tpl.id === id);
}
