/**
 * The catalogue of process KPIs (プロセスKPI) a planner adds under the node they feed, by the
 * stage and tactic that produces them: condensed from the domain brief's catalogue. Pure data,
 * in both languages. Only the sidebar uses it; the server takes whatever label it is sent, so
 * this stays out of Code.js.
 */
import type { Localized } from './i18n';
import type { Unit } from './tree';

export interface ProcessKpi {
  /** Unique across the catalogue. */
  readonly id: string;
  readonly label: Localized;
  /** A short definition: how it is counted (集計ルール). */
  readonly definition: Localized;
  /** A cost, a delay, an unsubscribe: fewer is better. */
  readonly lowerIsBetter?: boolean;
  /**
   * A figure that holds at a time rather than adding up over months: a rate, an average, a cost
   * per unit, days, a list's size. Its target holds each month; a period reads its last month.
   */
  readonly level?: boolean;
  /** A rate (as %) or money (in ¥); a count where absent. */
  readonly unit?: Unit;
}

export interface ProcessKpiGroup {
  readonly id: string;
  readonly name: Localized;
  readonly kpis: readonly ProcessKpi[];
}

const t = (en: string, ja: string): Localized => ({ en, ja });
const k = (id: string, label: Localized, definition: Localized, lowerIsBetter = false): ProcessKpi =>
  lowerIsBetter ? { id, label, definition, lowerIsBetter } : { id, label, definition };

const CATALOGUE: readonly ProcessKpiGroup[] = [
  {
    id: 'any',
    name: t('Any lead source', 'リード獲得全般'),
    kpis: [
      k(
        'fit_rate',
        t('Target-fit rate', 'ターゲット合致率'),
        t('Leads matching the ideal customer ÷ leads', '理想顧客像に合うリード数 ÷ リード数'),
      ),
      k('cost_per_lead', t('Cost per lead', 'リード獲得単価'), t('Acquisition spend ÷ leads', '獲得費用 ÷ リード数'), true),
      k('appointments', t('Appointments', 'アポイント数'), t('Meetings booked from leads', 'リードから獲得したアポイントの数')),
      k('appointment_rate', t('Appointment rate', 'アポイント率'), t('Appointments ÷ leads', 'アポイント数 ÷ リード数')),
      k('any_deals', t('Deals from leads', 'リードからの商談数'), t('Deals opened from these leads', 'これらのリードから発生した商談の数')),
      k('any_deal_rate', t('Lead-to-deal rate', '商談化率'), t('Deals ÷ leads', '商談数 ÷ リード数')),
    ],
  },
  {
    id: 'web',
    name: t('Own website', '自社サイト'),
    kpis: [
      k('unique_visitors', t('Unique visitors', 'ユニークユーザー数'), t('Distinct visitors in the month', '当月の重複を除いた訪問者数')),
      k('keywords', t('Target keywords', '対策キーワード数'), t('Search keywords the site targets', 'サイトで対策する検索キーワードの数')),
      k(
        'seo_success',
        t('SEO success rate', 'SEO成功率'),
        t('Target keywords ranked in the top 10 ÷ target keywords', '上位10位以内の対策キーワード数 ÷ 対策キーワード数'),
      ),
      k('visitors_per_page', t('Visitors per page', 'ページあたり訪問者数'), t('Visitors ÷ published pages', '訪問者数 ÷ 公開ページ数')),
      k('cpc', t('Cost per click (CPC)', 'クリック単価（CPC）'), t('Ad spend ÷ clicks', '広告費 ÷ クリック数'), true),
      k('ctr', t('Click-through rate (CTR)', 'クリック率（CTR）'), t('Clicks ÷ impressions', 'クリック数 ÷ 表示回数')),
      k('followers', t('Social followers', 'SNSフォロワー数'), t('Followers of the company accounts', '自社アカウントのフォロワー数')),
      k('house_list', t('House-list size', 'ハウスリスト件数'), t('Contacts who may be emailed', 'メール配信できる連絡先の数')),
      k('email_open', t('Email open rate', 'メール開封率'), t('Opens ÷ emails delivered', '開封数 ÷ 配信成功数')),
      k('email_click', t('Email click rate', 'メールクリック率'), t('Clicks ÷ emails delivered', 'クリック数 ÷ 配信成功数')),
      k(
        'form_visit_rate',
        t('Form-visit rate', 'フォーム到達率'),
        t('Visits to the inquiry form ÷ visits', '問い合わせフォーム到達数 ÷ 訪問数'),
      ),
      k('pages_per_visit', t('Pages per visit', '訪問あたりページ数'), t('Page views ÷ visits', 'ページビュー数 ÷ 訪問数')),
      k('time_on_site', t('Time on site (minutes)', '平均滞在時間（分）'), t('Average minutes per visit', '訪問あたりの平均滞在分数')),
      k(
        'conversions',
        t('Conversions', 'コンバージョン数'),
        t('Inquiries, downloads and sign-ups from the site', 'サイトからの問い合わせ・資料請求・登録の数'),
      ),
      k('cvr', t('Conversion rate (CVR)', 'コンバージョン率（CVR）'), t('Conversions ÷ visits', 'コンバージョン数 ÷ 訪問数')),
      k(
        'white_papers',
        t('White papers published', 'ホワイトペーパー数'),
        t('Downloadable documents on the site', 'サイトでダウンロードできる資料の数'),
      ),
      k(
        'download_rate',
        t('Download rate', 'ダウンロード率'),
        t('Downloads ÷ visits to download pages', 'ダウンロード数 ÷ 資料ページ訪問数'),
      ),
    ],
  },
  {
    id: 'portal',
    name: t('Lead-generation portals', 'リード獲得ポータル'),
    kpis: [
      k('portal_leads', t('Portal leads', 'ポータル経由リード数'), t('Leads delivered by the portal', 'ポータルから提供されたリード数')),
      k(
        'profile_visits',
        t('Profile-page visits', '掲載ページ閲覧数'),
        t('Views of the company page on the portal', 'ポータル上の自社掲載ページの閲覧数'),
      ),
    ],
  },
  {
    id: 'seminar',
    name: t('Seminars (live and online)', 'セミナー（会場・オンライン）'),
    kpis: [
      k('seminars_held', t('Seminars held', 'セミナー開催数'), t('Seminars and webinars held', '開催したセミナー・ウェビナーの数')),
      k('seminar_themes', t('Seminar themes', 'セミナーテーマ数'), t('Distinct themes offered', '実施したテーマの数')),
      k('registrations', t('Registrations', '申込数'), t('People who registered', '参加申込の人数')),
      k('attendees', t('Attendees', '参加者数'), t('People who attended', '実際に参加した人数')),
      k('attendance_rate', t('Attendance rate', '参加率'), t('Attendees ÷ registrations', '参加者数 ÷ 申込数')),
      k('seminar_leads', t('Seminar leads', 'セミナー経由リード数'), t('Attendees who became leads', 'リード化した参加者数')),
      k(
        'useful_surveys',
        t('Useful survey answers', '有効アンケート数'),
        t('Surveys naming a need or a timeline', 'ニーズや検討時期の記入があるアンケート数'),
      ),
    ],
  },
  {
    id: 'exhibition',
    name: t('Exhibitions', '展示会'),
    kpis: [
      k('exhibitions', t('Exhibitions attended', '出展数'), t('Exhibitions the company showed at', '出展した展示会の数')),
      k('exhibition_themes', t('Exhibition themes', '出展テーマ数'), t('Products or themes shown', '展示した製品・テーマの数')),
      k('booth_visitors', t('Booth visitors', 'ブース来場者数'), t('Visitors to the booth', 'ブースに立ち寄った人数')),
      k(
        'exhibition_leads',
        t('Exhibition leads', '展示会経由リード数'),
        t('Badges scanned or cards collected', 'バッジ読取・名刺獲得の数'),
      ),
      k(
        'visitor_surveys',
        t('Visitor surveys', '来場者アンケート数'),
        t('Surveys answered at the booth', 'ブースで回答されたアンケート数'),
      ),
    ],
  },
  {
    id: 'outbound',
    name: t('Outbound forms & direct mail', '問い合わせフォーム営業・DM'),
    kpis: [
      k('target_list', t('Target-list size', 'ターゲットリスト件数'), t('Companies on the sending list', '送付対象リストの企業数')),
      k(
        'outbound_visits',
        t('Site visits from mailings', '送付経由のサイト訪問数'),
        t('Visits from the links sent', '送付したリンクからの訪問数'),
      ),
      k('responses', t('Responses', '反響数'), t('Replies, calls and inquiries received', '返信・電話・問い合わせの数')),
      k('response_rate', t('Response rate', '反響率'), t('Responses ÷ companies sent to', '反響数 ÷ 送付数')),
    ],
  },
  {
    id: 'advertising',
    name: t('Advertising (TV and offline)', '広告（テレビ・オフライン）'),
    kpis: [
      k(
        'branded_search',
        t('Branded-search lift', '指名検索の増加数'),
        t('Branded searches above the pre-campaign level', '出稿前からの指名検索の増加数'),
      ),
      k(
        'ad_site_visits',
        t('Site visits from ads', '広告経由のサイト訪問数'),
        t('Visits attributed to the campaign', 'キャンペーン経由の訪問数'),
      ),
    ],
  },
  {
    id: 'telephone',
    name: t('Telephone prospecting', 'テレアポ'),
    kpis: [
      k('call_list', t('Call-list size', 'コールリスト件数'), t('Numbers on the call list', 'コールリストの件数')),
      k('calls', t('Calls made', '架電数'), t('Outbound calls dialled', '発信した電話の数')),
      k('connects', t('Connects', '接続数'), t('Calls reaching the right person', '担当者につながった通話数')),
      k(
        'contacts_obtained',
        t('Contact details obtained', '連絡先取得数'),
        t('Names, emails or direct lines obtained', '取得した担当者名・メール・直通番号の数'),
      ),
      k('contact_rate', t('Contact-details rate', '連絡先取得率'), t('Contact details obtained ÷ connects', '連絡先取得数 ÷ 接続数')),
      k(
        'phone_appointments',
        t('Appointments from calls', '電話からのアポイント数'),
        t('Meetings booked by phone', '電話で獲得したアポイント数'),
      ),
      k('phone_appointment_rate', t('Call appointment rate', 'アポイント獲得率'), t('Appointments ÷ connects', 'アポイント数 ÷ 接続数')),
    ],
  },
  {
    id: 'door',
    name: t('Door-to-door', '飛び込み営業'),
    kpis: [
      k('door_visits', t('Doors knocked', '飛び込み訪問数'), t('Unannounced visits made', '予告なしで訪問した件数')),
      k('conversations', t('Conversations', '面談数'), t('Visits where a person talked', '担当者と会話できた訪問数')),
      k('conversation_rate', t('Conversation rate', '面談率'), t('Conversations ÷ visits', '面談数 ÷ 訪問数')),
      k('door_cards', t('Business cards', '名刺獲得数'), t('Business cards exchanged', '交換した名刺の数')),
      k('door_card_rate', t('Business-card rate', '名刺獲得率'), t('Business cards ÷ visits', '名刺獲得数 ÷ 訪問数')),
    ],
  },
  {
    id: 'referral',
    name: t('Referrals', '紹介'),
    kpis: [
      k('referral_sources', t('Referral sources', '紹介元数'), t('Customers and partners who refer', '紹介してくれる顧客・パートナーの数')),
      k('referrals', t('Referrals', '紹介数'), t('Introductions received', '受けた紹介の数')),
      k('referral_rate', t('Referral rate', '紹介率'), t('Referrals ÷ referral sources', '紹介数 ÷ 紹介元数')),
    ],
  },
  {
    id: 'networking',
    name: t('Networking events', '交流会'),
    kpis: [
      k('networking_events', t('Events attended', '参加交流会数'), t('Networking events attended', '参加した交流会の数')),
      k('networking_cards', t('Cards collected', '名刺交換数'), t('Business cards exchanged', '交換した名刺の数')),
      k('valid_cards', t('Valid cards', '有効名刺数'), t('Cards from target-fit companies', 'ターゲットに合う企業の名刺の数')),
      k('valid_card_rate', t('Valid-card rate', '有効名刺率'), t('Valid cards ÷ cards collected', '有効名刺数 ÷ 名刺交換数')),
    ],
  },
  {
    id: 'outsourced',
    name: t('Outsourced lead generation', 'リード獲得の外部委託'),
    kpis: [
      k('vendor_leads', t('Vendor leads', '委託先リード数'), t('Leads delivered by the vendor', '委託先から納品されたリード数')),
      k('valid_leads', t('Valid leads', '有効リード数'), t('Delivered leads that fit the target', 'ターゲットに合う納品リード数')),
      k('valid_lead_rate', t('Valid-lead rate', '有効リード率'), t('Valid leads ÷ vendor leads', '有効リード数 ÷ 委託先リード数')),
    ],
  },
  {
    id: 'nurturing',
    name: t('Nurturing', 'ナーチャリング'),
    kpis: [
      k('return_visits', t('Return visits', '再訪問数'), t('Visits by known leads', '既存リードによるサイト再訪問数')),
      k(
        'update_frequency',
        t('Content updates', 'コンテンツ更新数'),
        t('Articles, videos or pages published', '公開した記事・動画・ページの数'),
      ),
      k('reconversions', t('Re-conversions', '再コンバージョン数'), t('Known leads converting again', '既存リードの再コンバージョン数')),
      k('nurture_list', t('Nurturing list size', '育成対象リスト件数'), t('Leads in nurturing', '育成中のリード数')),
      k('sends', t('Emails sent', 'メール配信数'), t('Nurturing emails and newsletters sent', '育成メール・メルマガの配信数')),
      k('scenarios', t('Scenarios running', '稼働シナリオ数'), t('Automated nurturing scenarios live', '稼働中の自動育成シナリオ数')),
      k('nurture_open', t('Nurture open rate', '育成メール開封率'), t('Opens ÷ emails delivered', '開封数 ÷ 配信成功数')),
      k('nurture_click', t('Nurture click rate', '育成メールクリック率'), t('Clicks ÷ emails delivered', 'クリック数 ÷ 配信成功数')),
      k('replies', t('Replies', '返信数'), t('Replies to emails or calls', 'メール・電話への返信数')),
      k('unsubscribes', t('Unsubscribes', '配信停止数'), t('Contacts who unsubscribed', '配信停止した連絡先の数'), true),
      k('videos', t('Videos published', '動画本数'), t('Videos published', '公開した動画の本数')),
      k('video_views', t('Video views', '動画再生数'), t('Views of published videos', '公開動画の再生数')),
      k('surveys_answered', t('Surveys answered', 'アンケート回答数'), t('Nurturing surveys answered', '育成アンケートの回答数')),
      k(
        'impressions',
        t('Retargeting impressions', 'リターゲティング表示回数'),
        t('Ads shown to known visitors', '既訪問者への広告表示回数'),
      ),
      k(
        'days_since_visit',
        t('Days since last visit', '最終訪問からの日数'),
        t('Average days since a lead last visited', 'リードの最終訪問からの平均日数'),
        true,
      ),
      k(
        'issues_surveyed',
        t('Issues surveyed', '把握した課題数'),
        t('Customer issues recorded by inside sales', 'インサイドセールスが記録した課題の数'),
      ),
    ],
  },
  {
    id: 'closing',
    name: t('Closing', 'クロージング'),
    kpis: [
      k(
        'strengths',
        t('Strengths articulated', '訴求ポイント数'),
        t('Differentiators written up for the sales deck', '提案資料にまとめた強みの数'),
      ),
      k('solutions', t('Solutions offered', 'ソリューション数'), t('Packaged solutions offered', '提供できるソリューションの数')),
      k('case_studies', t('Case studies', '導入事例数'), t('Published customer case studies', '公開した導入事例の数')),
      k('closing_proposals', t('Proposals', '提案数'), t('Written proposals submitted', '提出した提案書の数')),
      k('closing_win_rate', t('Win rate', '受注率'), t('Orders ÷ proposals', '受注数 ÷ 提案数')),
      k('closing_orders', t('Orders', '受注数'), t('Contracts signed', '契約締結数')),
      k('order_value', t('Order value', '受注金額'), t('Value of contracts signed', '締結した契約の金額')),
      k(
        'days_to_close',
        t('Days to close', '受注までの日数'),
        t('Average days from first meeting to order', '初回商談から受注までの平均日数'),
        true,
      ),
      k(
        'proposal_to_contract_days',
        t('Lead time: proposal to contract', 'リードタイム（提案から契約まで）'),
        t(
          'Median days from proposal to contract of the deals contracted in the month (link it to data as a lead time)',
          'その月に契約した商談の、提案日から契約日までの日数の中央値（データ連携でリードタイムとして集計）',
        ),
        true,
      ),
      k('contacts_met', t('Contacts met', '面談者数'), t('People met per deal', '商談あたりの面談者数')),
      k(
        'decision_makers',
        t('Decision-makers met', '決裁者面談率'),
        t('Deals where a decision-maker was met ÷ deals', '決裁者と面談した商談数 ÷ 商談数'),
      ),
    ],
  },
  {
    id: 'retention',
    name: t('Retention', '継続・拡大'),
    kpis: [
      k('retention_rate', t('Retention rate', '継続率'), t('Customers renewing ÷ customers due', '継続した顧客数 ÷ 更新対象の顧客数')),
      k(
        'expansion',
        t('Expansion to other departments', '他部署・他拠点への展開数'),
        t('New departments or sites of existing customers', '既存顧客の新たな部署・拠点の数'),
      ),
      k('repeat_purchases', t('Repeat purchases', 'リピート購入数'), t('Purchases by existing customers', '既存顧客の購入回数')),
      k(
        'ltv',
        t('Lifetime value', '顧客生涯価値（LTV）'),
        t('Average revenue per customer over the relationship', '取引期間を通じた顧客あたりの平均売上'),
      ),
      k(
        'days_since_purchase',
        t('Days since last purchase', '最終購入からの日数'),
        t('Average days since each customer last bought', '各顧客の最終購入からの平均日数'),
        true,
      ),
      k(
        'problems_solved',
        t('Customer problems solved', '解決した顧客課題数'),
        t('Issues closed for customers', '顧客のために解決した課題の数'),
      ),
      k('problems_found', t('New problems found', '新たに把握した課題数'), t('New customer issues recorded', '新たに記録した顧客課題の数')),
    ],
  },
];

/** Rates (a share of something, as %): levels, as summing a win rate over months means nothing. */
const RATES: ReadonlySet<string> = new Set([
  'fit_rate',
  'appointment_rate',
  'any_deal_rate',
  'seo_success',
  'ctr',
  'email_open',
  'email_click',
  'form_visit_rate',
  'cvr',
  'download_rate',
  'attendance_rate',
  'response_rate',
  'branded_search',
  'contact_rate',
  'phone_appointment_rate',
  'conversation_rate',
  'door_card_rate',
  'referral_rate',
  'valid_card_rate',
  'valid_lead_rate',
  'nurture_open',
  'nurture_click',
  'closing_win_rate',
  'decision_makers',
  'retention_rate',
]);

/** Money: what a month adds up (orders' value), or a level in yen (a cost per lead, a lifetime value). */
const MONEY: ReadonlySet<string> = new Set(['order_value', 'cost_per_lead', 'cpc', 'ltv']);

/** Levels that are neither rates nor flows: averages and costs per unit, days, sizes at a time. */
const LEVELS: ReadonlySet<string> = new Set([
  'cost_per_lead',
  'visitors_per_page',
  'cpc',
  'pages_per_visit',
  'time_on_site',
  'contacts_met',
  'ltv',
  'days_since_visit',
  'days_to_close',
  'proposal_to_contract_days',
  'days_since_purchase',
  'keywords',
  'followers',
  'house_list',
  'target_list',
  'call_list',
  'nurture_list',
  'scenarios',
]);

/** Each KPI with what it measures: a rate, money or a count, and whether it is a level. */
function measured(kpi: ProcessKpi): ProcessKpi {
  const unit: Unit | null = RATES.has(kpi.id) ? 'rate' : MONEY.has(kpi.id) ? 'yen' : null;
  const level = RATES.has(kpi.id) || LEVELS.has(kpi.id);
  return { ...kpi, ...(unit ? { unit } : {}), ...(level ? { level } : {}) };
}

export const PROCESS_KPI_GROUPS: readonly ProcessKpiGroup[] = CATALOGUE.map((group) => ({ ...group, kpis: group.kpis.map(measured) }));
