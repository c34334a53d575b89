/**
 * Sharing in the browser: what a share sheet's ending becomes (shared, cancelled, or the link copied
 * instead), and the browser wrapper around navigator.share and the clipboard.
 */
import { pageLink, shareLink } from '@/platform/share-link.h5'
import { shareOutcome, type ShareOutcome, type SheetEnd } from '@/platform/share-outcome'

const copyText = jest.fn<Promise<boolean>, [string]>()
jest.mock('../../src/platform/interaction', () => ({ copyText: (data: string) => copyText(data) }))

const abort = new DOMException('Share canceled', 'AbortError')
const refused = new DOMException('Permission denied', 'NotAllowedError')

describe('shareOutcome: the one mapping from a share sheet to what the reader is told', () => {
  test.each<[string, SheetEnd, boolean, ShareOutcome, 'copies' | 'does not copy']>([
    ['shared from the sheet', { kind: 'shared' }, true, 'shared', 'does not copy'],
    ['the reader closed the sheet', { kind: 'rejected', error: abort }, true, 'cancelled', 'does not copy'],
    ['no sheet, copied', { kind: 'missing' }, true, 'copied', 'copies'],
    ['no sheet, the copy refused', { kind: 'missing' }, false, 'failed', 'copies'],
    ['the sheet refused, copied', { kind: 'rejected', error: refused }, true, 'copied', 'copies'],
    [
      'the sheet threw a TypeError, copied',
      { kind: 'rejected', error: new TypeError('x') },
      true,
      'copied',
      'copies',
    ],
    ['the sheet failed, and the copy too', { kind: 'rejected', error: refused }, false, 'failed', 'copies'],
    ['a rejection that is not an Error', { kind: 'rejected', error: 'AbortError' }, true, 'copied', 'copies'],
  ])('%s', async (_name, end, copies, outcome, copy) => {
    const tries = jest.fn(() => Promise.resolve(copies))
    await expect(shareOutcome(end, tries)).resolves.toBe(outcome)
    expect(tries.mock.calls.length > 0 ? 'copies' : 'does not copy').toBe(copy)
  })
})

describe('shareLink in the browser', () => {
  const link = { title: '第 7 期｜标题 — 受访者', url: 'https://example.test/#/pages/reader/index?id=a' }
  const setShare = (share: unknown) =>
    Object.defineProperty(globalThis, 'navigator', { value: share ? { share } : {}, configurable: true })

  beforeEach(() => copyText.mockReset().mockResolvedValue(true))
  afterAll(() => Reflect.deleteProperty(globalThis, 'navigator'))

  test('without navigator.share the link is copied inside the tap, before anything is awaited', async () => {
    setShare(undefined)
    const pending = shareLink(link)
    expect(copyText.mock.calls).toEqual([[link.url]])
    await expect(pending).resolves.toBe('copied')
  })

  test('navigator.share gets the title and the address, and nothing is copied', async () => {
    const share = jest.fn(() => Promise.resolve())
    setShare(share)
    await expect(shareLink(link)).resolves.toBe('shared')
    expect(share.mock.calls).toEqual([[link]])
    expect(copyText).not.toHaveBeenCalled()
  })

  test.each<[string, () => Promise<void>, ShareOutcome, number]>([
    ['a cancelled sheet says nothing and copies nothing', () => Promise.reject(abort), 'cancelled', 0],
    ['a refused sheet falls back to copying', () => Promise.reject(refused), 'copied', 1],
    [
      'a sheet that throws at once falls back to copying',
      () => {
        throw new TypeError('bad data')
      },
      'copied',
      1,
    ],
  ])('%s', async (_name, share, outcome, copies) => {
    setShare(share)
    await expect(shareLink(link)).resolves.toBe(outcome)
    expect(copyText).toHaveBeenCalledTimes(copies)
  })
})

describe('pageLink in the browser (hash router)', () => {
  afterAll(() => Reflect.deleteProperty(globalThis, 'location'))
  test.each([
    ['from the list', 'https://example.test/app/#/pages/index/index'],
    [
      'from a search result, whose passage and words are not passed on',
      'https://example.test/app/#/pages/reader/index?id=a&block=3&q=%E7%A8%80%E5%9C%9F',
    ],
    ['from a page with no hash yet', 'https://example.test/app/'],
  ])('%s', (_name, href) => {
    Object.defineProperty(globalThis, 'location', { value: { href }, configurable: true })
    expect(pageLink('/pages/reader/index?id=a%20b')).toBe(
      'https://example.test/app/#/pages/reader/index?id=a%20b',
    )
  })
})
