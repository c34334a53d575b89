/**
 * Published content behind a CDN whose edge caches are stale, on the compiled bundle (dist/weapp-remote).
 * The origin holds editions side by side, as `content build --into` leaves them; the edge keeps every
 * file it has fetched, and the manifest until its max-age runs out. With content-addressed names the
 * reader only ever sees an edition it can verify; the control rows use the plain `<id>.json` names of
 * earlier builds and show the integrity failure those names allowed.
 */
import {
  bundledBodies,
  bundledManifest,
  CONTENT_BASE,
  host,
  newInstallment,
  publish,
  REMOTE_DIST,
  withLegacyNames,
  type Published,
} from './content-server'
import { Harness, type Responder } from './harness'
import { cardTitles, hasClass, openCard, readerText, readerTitle, stateTitle } from './screens'

const extra = newInstallment(bundledManifest.installments.length + 1)
const later = newInstallment(bundledManifest.installments.length + 2, 'remote-later')
const OLD_TEXT = '把有用的矿物和脉石分开'
const NEW_TEXT = '把有用的矿物和脉石分离开来，再送去冶炼'
const INTEGRITY_FAILURE = '这期访谈暂时打不开'

type Naming = (files: Published) => Published
const contentAddressed: Naming = (files) => files
const legacyNames: Naming = withLegacyNames

/** Edition A has `extra`; edition B rewrites its answer and adds `later`. */
function editions(naming: Naming): { a: Published; b: Published } {
  const edited = {
    ...extra,
    body: extra.body.map((b) => (b.type === 'answer' ? { ...b, text: NEW_TEXT } : b)),
  }
  return {
    a: naming(publish([...bundledBodies(), extra])),
    b: naming(publish([...bundledBodies(), edited, later])),
  }
}

/** Edition B published beside A: A's files stay, B's are added, the manifest is B's. */
const sideBySide = ({ a, b }: { a: Published; b: Published }): Published => new Map([...a, ...b])

/** An edge in front of the origin: a file fetched once is served from the edge until it expires. */
function createCdn(origin: Published) {
  const edge = new Map<string, string>()
  const cdn = {
    origin,
    edge,
    /** The manifest's max-age ran out: the next request revalidates it with the origin. */
    expireManifest: () => edge.delete('manifest.json'),
    respond: ((request) => {
      const file = request.url.slice(CONTENT_BASE.length + 1)
      const fresh = cdn.origin.get(file)
      if (!edge.has(file) && fresh !== undefined) edge.set(file, fresh)
      return host(edge)(request)
    }) as Responder,
  }
  return cdn
}

async function launch(respond: Responder, storage = new Map<string, unknown>()): Promise<Harness> {
  const h = new Harness({ dist: REMOTE_DIST, request: (r) => respond(r), storage })
  await h.launch()
  await h.advance(60_000)
  return h
}

async function read(h: Harness, title: string): Promise<string> {
  await openCard(h, title)
  await h.advance(60_000)
  const text = hasClass(h, 'state__title') ? stateTitle(h) : readerText(h)
  h.back()
  await h.settle()
  return text
}

describe('a stale manifest at the edge while the origin already holds the next edition', () => {
  test.each([
    ['content-addressed names: the old edition is read, verified', contentAddressed, OLD_TEXT],
    ['plain <id>.json names (control): the body no longer matches', legacyNames, INTEGRITY_FAILURE],
  ])('%s', async (_name, naming, expected) => {
    const { a, b } = editions(naming)
    const cdn = createCdn(sideBySide({ a, b }))
    cdn.edge.set('manifest.json', a.get('manifest.json') as string)
    const h = await launch(cdn.respond)
    expect(cardTitles(h)).toContain(extra.title)
    expect(cardTitles(h)).not.toContain(later.title)
    expect(await read(h, extra.title)).toContain(expected)
    expect(h.errors).toEqual([])
  })
})

describe('old files still at the edge when the new manifest arrives', () => {
  test.each([
    ['content-addressed names: the new edition is read, verified', contentAddressed, NEW_TEXT],
    ['plain <id>.json names (control): the cached body no longer matches', legacyNames, INTEGRITY_FAILURE],
  ])('%s', async (_name, naming, expected) => {
    const { a, b } = editions(naming)
    const cdn = createCdn(sideBySide({ a, b }))
    for (const [file, text] of a) if (file !== 'manifest.json') cdn.edge.set(file, text)
    const h = await launch(cdn.respond)
    expect(cardTitles(h)).toContain(later.title)
    expect(await read(h, extra.title)).toContain(expected)
    expect(h.errors).toEqual([])
  })
})

test('once the manifest revalidates, the next launch catches up with the new edition', async () => {
  const both = editions(contentAddressed)
  const cdn = createCdn(sideBySide(both))
  cdn.edge.set('manifest.json', both.a.get('manifest.json') as string)
  const first = await launch(cdn.respond)
  expect(cardTitles(first)).not.toContain(later.title)
  cdn.expireManifest()
  const next = await launch(cdn.respond, first.storage)
  expect(next.requests[0].header['If-None-Match']).toBeTruthy()
  expect(cardTitles(next)).toContain(later.title)
  expect(await read(next, extra.title)).toContain(NEW_TEXT)
  expect(next.errors).toEqual([])
})

test('a body opened before a refresh shows its new edition after it, in the same session', async () => {
  const both = editions(contentAddressed)
  const cdn = createCdn(both.a)
  const h = await launch(cdn.respond)
  expect(await read(h, extra.title)).toContain(OLD_TEXT)
  cdn.origin = sideBySide(both)
  cdn.expireManifest()
  await h.trigger('onPullDownRefresh')
  expect(cardTitles(h)).toContain(later.title)
  await openCard(h, extra.title)
  await h.advance(60_000)
  expect(readerTitle(h)).toBe(extra.title)
  expect(readerText(h)).toContain(NEW_TEXT)
  expect(readerText(h)).not.toContain(OLD_TEXT)
})
