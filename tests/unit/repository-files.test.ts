/**
 * The repository over a cache whose files are read asynchronously only, as the browser's IndexedDB
 * is: what a relaunch shows first, what it completes to, and how a body is read. (WeChat reads its
 * files synchronously; the compiled bundle's tests cover that.)
 */
import { createContentCache } from '@/content/cache'
import { headOf } from '@/content/head'
import { MAX_SEARCH_BYTES } from '@/content/problem'
import { createRemoteSource } from '@/content/remote'
import { createRepository } from '@/content/repository'
import type { RawAttempt } from '@/platform/request'

import { resetStorage } from './support/fake-taro'
import { memoryFiles } from './support/memory-files'
import { published, SEARCH_INSTALLMENTS } from './support/search-series'

jest.mock('@tarojs/taro', () => jest.requireActual('./support/fake-taro'))

const BASE = 'https://content.example.test/lre'
const edition = published()
const offline = createRemoteSource(BASE, {
  request: (): Promise<RawAttempt> => Promise.resolve({ kind: 'error', message: 'request:fail' }),
  retry: { retries: 0, delaysMs: [] },
  wait: () => Promise.resolve(),
})
/** The bundled column: an earlier edition, with none of the saved edition's bodies. */
const bundled = published(SEARCH_INSTALLMENTS.slice(0, 2))

async function savedEarlier(remote = offline) {
  resetStorage()
  const files = memoryFiles({ sync: false })
  const earlier = createContentCache({ files })
  const { manifest } = edition
  const first_ = headOf(manifest)
  const head = {
    ...first_,
    manifest: { ...first_.manifest, installments: manifest.installments.slice(0, 1) },
  }
  await earlier.saveManifest({ base: BASE, etag: '"1"', manifest }, head)
  const first = manifest.installments[2]
  await earlier.saveBody(
    first.id,
    first.sha256,
    edition.files.get(first.path)!.toString('utf8'),
    first.sha256,
  )
  const cache = createContentCache({ files })
  const repository = createRepository({ bundled: { manifest: bundled.manifest }, remote, cache })
  return { repository, first }
}

test('a relaunch shows the saved first screen at once, then the whole saved manifest once it is read', async () => {
  const { repository } = await savedEarlier()
  const catalog = repository.catalog()
  expect(catalog.status === 'ready' && [catalog.source.kind, catalog.manifest.installments.length]).toEqual([
    'remote',
    1,
  ])
  const completed = new Promise<void>((resolve) => repository.subscribe(resolve))
  repository.complete()
  await completed
  const whole = repository.catalog()
  expect(
    whole.status === 'ready' && [whole.source.kind, whole.partial, whole.manifest.installments.length],
  ).toEqual(['remote', undefined, edition.manifest.installments.length])
})

test('a saved body is not there synchronously, and is read offline asynchronously', async () => {
  const { repository, first } = await savedEarlier()
  repository.complete()
  await new Promise<void>((resolve) => repository.subscribe(resolve))
  expect(repository.installmentNow(first.id)).toBeNull()
  const result = await repository.installment(first.id)
  expect(result.kind === 'ok' && result.installment.title).toBe(first.title)
})

test('a link to an installment past the first screen waits for the saved manifest, then opens it', async () => {
  const { repository, first } = await savedEarlier()
  const result = await repository.installment(first.id)
  expect(result.kind === 'ok' && result.installment.id).toBe(first.id)
})

test('a search asked for on the first screen waits for the saved manifest, and fetches the parts it names', async () => {
  // The head names the search file without its parts; with a file this large, that alone would say
  // "too large to download".
  const asked: string[] = []
  const serving = createRemoteSource(BASE, {
    request: (url): Promise<RawAttempt> => {
      const path_ = url.slice(BASE.length + 1)
      asked.push(path_)
      const bytes = edition.files.get(path_)
      return Promise.resolve(
        bytes
          ? { kind: 'response', status: 200, text: bytes.toString('utf8'), headers: {} }
          : { kind: 'response', status: 404, text: '', headers: {} },
      )
    },
    retry: { retries: 0, delaysMs: [] },
    wait: () => Promise.resolve(),
  })
  const large = { ...edition.manifest.search!, bytes: MAX_SEARCH_BYTES + 1 }
  const original = edition.manifest.search
  edition.manifest.search = large
  try {
    const { repository } = await savedEarlier(serving)
    const result = await repository.searchIndex()
    expect(result.kind).toBe('ok')
    expect(asked).toEqual(large.parts!.map((part) => part.path))
  } finally {
    edition.manifest.search = original
  }
})
