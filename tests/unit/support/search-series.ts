/**
 * A small hand-made column for the search tests, published with the editors' own builder, so the
 * search file is the real thing: every phrase a search test needs sits in a known field of a known
 * installment. Every person and organisation here is made up, and every name says so.
 */
import { publishInstallments } from '../../../scripts/content/build'
import type { Block, Installment, Manifest, Series } from '@/content/schema'
import type { SearchIndex } from '@/content/search/file'
import { validateManifest } from '@/content/validate'

export const SEARCH_SERIES: Series = {
  title: '搜索测试专栏',
  tagline: '手写的测试内容，人物与机构均为虚构。',
  intro: [{ type: 'paragraph', text: '只为搜索测试而写。' }],
}

/** Title of no. 1, organisation of no. 2, a tag of no. 4, the body of nos. 2, 3 (three times) and 5 (once). */
export const RANK_WORD = '镝光'
/** Only in the body of no. 3, twice in one block that comes after blocks with no text. */
export const BODY_PHRASE = '钕铁硼废料回收'
/** Only in the body of no. 5: its pinyin (shan gu) must never find it. */
export const BODY_ONLY_CHARS = '钐钴'
/** No. 6's body: a Latin word, full-width letters, an emoji, and a long block to cut a snippet from. */
export const LATIN_WORD = 'Dysprosium'
export const FULL_WIDTH_WORD = 'ＡＢＣ'
export const EMOJI = '🧲'

const LONG_ANSWER =
  '这一段故意写得很长，好让摘要只能截取其中一部分来显示给读者看，前面还有许多铺垫的话要说完。' +
  `样品里的${LATIN_WORD}含量每天都要测一次，` +
  '后面同样还有许多收尾的话，一直说到这一段结束为止，保证摘要的两头都被截掉，并且在两头都加上省略号。'

type Meta = Pick<Installment, 'id' | 'number' | 'title' | 'interviewee' | 'tags' | 'body'>

function installment({ id, number, title, interviewee, tags, body }: Meta): Installment {
  return {
    schemaVersion: 1,
    id,
    number,
    title,
    interviewee,
    publishedAt: `2025-0${number}-01`,
    summary: '手写的测试摘要。',
    tags,
    readingMinutes: 1,
    sample: true,
    body,
  }
}

const FICTION: Block = { type: 'paragraph', text: '本篇人物与机构均为虚构。' }

export const SEARCH_INSTALLMENTS: Installment[] = [
  installment({
    id: 'search-1',
    number: 1,
    title: `${RANK_WORD}下的萃取槽`,
    interviewee: {
      name: '林样例（虚构）',
      role: '工程师',
      group: 'engineer',
      organization: '示例冶炼厂（虚构）',
    },
    tags: ['分离', 'NdFeB'],
    body: [FICTION, { type: 'answer', text: '每天看液位，记数据。' }],
  }),
  installment({
    id: 'search-2',
    number: 2,
    title: '车间里的夜班',
    interviewee: {
      name: '岳明澜（虚构）',
      role: '创始人',
      group: 'entrepreneur',
      organization: `${RANK_WORD}材料厂（虚构）`,
    },
    tags: ['创业'],
    body: [
      FICTION,
      { type: 'answer', text: `${RANK_WORD}这个名字，${RANK_WORD}这个厂，${RANK_WORD}这群人。` },
    ],
  }),
  installment({
    id: 'search-3',
    number: 3,
    title: '一吨废料的去处',
    interviewee: { name: '韩思远（虚构）', role: '研究员', group: 'scientist' },
    tags: ['回收'],
    body: [
      FICTION,
      { type: 'divider' },
      { type: 'image', src: 'https://img.example.com/a.png', width: 4, height: 3 },
      { type: 'question', text: '您在做什么？' },
      { type: 'answer', text: `${BODY_PHRASE}。我们的${BODY_PHRASE}线一年比一年长。` },
      { type: 'answer', text: `${RANK_WORD}一次，${RANK_WORD}两次，${RANK_WORD}三次。` },
    ],
  }),
  installment({
    id: 'search-4',
    number: 4,
    title: '清晨六点的车间',
    interviewee: { name: '周晓岚（虚构）', role: '操作工', group: 'worker' },
    tags: [RANK_WORD, '抛光粉'],
    body: [FICTION, { type: 'answer', text: '早上六点开工。' }],
  }),
  installment({
    id: 'search-5',
    number: 5,
    title: '磁体与我',
    interviewee: { name: '程一帆（虚构）', role: '工程师', group: 'engineer' },
    tags: ['磁材'],
    body: [FICTION, { type: 'answer', text: `${BODY_ONLY_CHARS}磁体要在${RANK_WORD}里退火。` }],
  }),
  installment({
    id: 'search-6',
    number: 6,
    title: '化验室的一天',
    interviewee: {
      name: '许安然（虚构）',
      role: '研究员',
      group: 'scientist',
      organization: '示例研究所（虚构）',
    },
    tags: ['化验'],
    body: [
      FICTION,
      { type: 'paragraph', text: `我们用${FULL_WIDTH_WORD}分析法，把${EMOJI}放在样品旁边。` },
      { type: 'answer', text: LONG_ANSWER },
    ],
  }),
]

export type PublishedSeries = {
  manifest: Manifest
  files: Map<string, Buffer>
  /** The search file's text exactly as published, and parsed. */
  searchText: string
  index: SearchIndex
}

/** Publishes installments with the editors' builder: manifest (validated), files and search file. */
export function published(installments: readonly Installment[] = SEARCH_INSTALLMENTS): PublishedSeries {
  const { manifest, files } = publishInstallments(SEARCH_SERIES, installments)
  const valid = validateManifest(manifest)
  if (valid.kind !== 'ok' || !valid.value.search) throw new Error('the search series does not publish')
  const bytes = files.get(valid.value.search.path)
  if (!bytes) throw new Error('the search series has no search file')
  const searchText = bytes.toString('utf8')
  return { manifest: valid.value, files, searchText, index: JSON.parse(searchText) as SearchIndex }
}

/**
 * A bilingual column: installments with English (`en`) for some fields or all, and one with none. The
 * English is the test's own, about made-up people; every phrase a test needs sits in a known field of
 * a known installment and language.
 */
/**
 * In the English title and an English tag of no. 2, the Chinese title of no. 3, the English
 * organisation of no. 4, and the English body of no. 5 (four times, in two blocks).
 */
export const RANK_WORD_EN = 'Lanthanum'

const FICTION_EN: Block = { type: 'paragraph', text: 'The people and organisations here are fictional.' }

type Bilingual = Meta & { en?: Installment['en'] }

const bilingual = ({ en, ...meta }: Bilingual): Installment => ({
  ...installment(meta),
  ...(en ? { en } : {}),
})

export const BILINGUAL_INSTALLMENTS: Installment[] = [
  bilingual({
    id: 'bi-1',
    number: 1,
    title: '镨钕的故事（虚构）',
    interviewee: {
      name: '柯样例（虚构）',
      role: '工程师',
      group: 'engineer',
      organization: '示例冶炼厂（虚构）',
    },
    tags: ['分离', '抛光'],
    body: [
      FICTION,
      { type: 'answer', text: '氧化铈是抛光粉的主要成分。' },
      { type: 'divider' },
      { type: 'answer', text: '稀土的分离要走很多级。' },
    ],
    en: {
      title: 'The Story of Praseodymium (fictional)',
      interviewee: {
        name: 'Ke Yangli (fictional)',
        role: 'Engineer',
        organization: 'Sample Smelter (fictional)',
      },
      tags: ['Separation', 'Polishing'],
      body: [
        FICTION_EN,
        { type: 'answer', text: 'Cerium oxide is the main part of polishing powder.' },
        { type: 'divider' },
        { type: 'answer', text: 'Separating rare earth takes many stages, and rare earth is patient work.' },
      ],
    },
  }),
  bilingual({
    id: 'bi-2',
    number: 2,
    title: '一年又一年（虚构）',
    interviewee: { name: '林晓（虚构）', role: '操作工', group: 'worker' },
    tags: ['车间', '镧'],
    body: [FICTION, { type: 'answer', text: '炉衬每年换一次。' }],
    // English metadata, no English body.
    en: {
      title: `${RANK_WORD_EN}, Year after Year (fictional)`,
      interviewee: { name: 'Lin Xiao (fictional)', role: 'Operator' },
      tags: ['Workshop', RANK_WORD_EN],
    },
  }),
  bilingual({
    id: 'bi-3',
    number: 3,
    title: `${RANK_WORD_EN} 与磁体车间（虚构）`,
    interviewee: { name: '程样例（虚构）', role: '研究员', group: 'scientist' },
    tags: ['NdFeB'],
    body: [
      FICTION,
      { type: 'answer', text: '我们做 NdFeB 磁体。' },
      { type: 'question', text: '难吗？' },
      { type: 'answer', text: '不难。' },
    ],
    // An English body, and only some English metadata.
    en: {
      tags: ['NdFeB'],
      body: [
        FICTION_EN,
        { type: 'answer', text: 'We make NdFeB magnets.' },
        { type: 'question', text: 'Is it hard?' },
        { type: 'answer', text: 'Not hard. The furnace lining is the hard part: NdFeB needs a good lining.' },
      ],
    },
  }),
  bilingual({
    id: 'bi-4',
    number: 4,
    title: '实验室的灯（虚构）',
    interviewee: {
      name: '许样例（虚构）',
      role: '研究员',
      group: 'scientist',
      organization: '镧研究所（虚构）',
    },
    tags: ['化验'],
    body: [FICTION, { type: 'answer', text: '灯一直亮到深夜。' }],
    en: {
      title: 'The Lamp in the Laboratory (fictional)',
      interviewee: {
        name: 'Xu Yangli (fictional)',
        role: 'Researcher',
        organization: `${RANK_WORD_EN} Institute (fictional)`,
      },
    },
  }),
  bilingual({
    id: 'bi-5',
    number: 5,
    title: '一个普通的夜班（虚构）',
    interviewee: { name: '韩样例（虚构）', role: '操作工', group: 'worker' },
    tags: ['夜班'],
    body: [
      FICTION,
      { type: 'image', src: 'https://img.example.com/a.png', width: 4, height: 3, caption: '镧的样品' },
      { type: 'answer', text: '镧，镧，还是镧。' },
    ],
    en: {
      body: [
        FICTION_EN,
        {
          type: 'image',
          src: 'https://img.example.com/a.png',
          width: 4,
          height: 3,
          caption: `A sample of ${RANK_WORD_EN.toLowerCase()}`,
        },
        {
          type: 'answer',
          text: `${RANK_WORD_EN}, ${RANK_WORD_EN.toUpperCase()}, and ${RANK_WORD_EN} again.`,
        },
      ],
    },
  }),
  bilingual({
    id: 'bi-6',
    number: 6,
    title: '没有译文的一期（虚构）',
    interviewee: { name: '岳样例（虚构）', role: '创始人', group: 'entrepreneur' },
    tags: ['创业'],
    body: [FICTION, { type: 'answer', text: '这一期只有中文。' }],
  }),
]

/** Made-up English sentences for generated translations: no real people, places or companies. */
const EN_SENTENCES = [
  'Before the early shift the team leader writes the day’s extraction tasks on the whiteboard.',
  'The level in each extraction tank is logged every hour.',
  'Patience matters most in the separation workshop.',
  'The kiln heats slowly, along the curve on the process card.',
  'Powder is sent for a particle-size check before magnets are pressed.',
  'The size of polishing grains decides how clear a lens becomes.',
  'Instruments in the testing room are calibrated once a week.',
  'New apprentices watch their masters for three months.',
  'One winter the pipes froze and everyone took turns on site until dawn.',
  'Every report is signed by two people: one does the work, one checks it.',
]

/** A made-up translation of a generated block: same type, English words. */
function englishBlock(block: Block, text: string): Block {
  switch (block.type) {
    case 'paragraph':
    case 'question':
    case 'answer':
      return { ...block, text }
    case 'heading':
      return { ...block, text: text.slice(0, 40).trim() }
    case 'quote':
      return { ...block, text, ...(block.cite ? { cite: 'A colleague (fictional)' } : {}) }
    case 'image':
      return block.caption ? { ...block, caption: text.slice(0, 30).trim() } : block
    case 'divider':
      return block
  }
}

/**
 * A generated installment with made-up English: title, interviewee, tags and, unless `body` is false,
 * a body block for block with the Chinese, each block a sentence or two picked by `k`.
 */
export function withEnglish(i: Installment, k: number, body = true): Installment {
  const sentence = (n: number) => EN_SENTENCES[(k * 7 + n * 3) % EN_SENTENCES.length]
  return {
    ...i,
    en: {
      title: `Generated interview ${k}: ${sentence(0).split(' ').slice(0, 4).join(' ')}`,
      interviewee: { name: `Sample Person ${k} (fictional)`, role: `Role ${k % 3}` },
      tags: i.tags.map((_, t) => `tag${k % 5}-${t}`),
      ...(body ? { body: i.body.map((b, n) => englishBlock(b, `${sentence(n)} ${sentence(n + k)}`)) } : {}),
    },
  }
}
