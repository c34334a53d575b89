/** Page objects over the harness: how a test finds what a reader sees and taps. */
import manifest from '../../src/content/bundled/manifest.json'

import { byClass, classesOf, find, findAll, textOf, type Harness, type TreeNode } from './harness'

export const bundled = manifest

export const entryByNumber = (n: number) => {
  const entry = manifest.installments.find((e) => e.number === n)
  if (!entry) throw new Error(`no installment ${n}`)
  return entry
}

export function withText(className: string, text: string) {
  return (n: TreeNode) => classesOf(n).includes(className) && textOf(n).includes(text)
}

export const cards = (h: Harness) => findAll(h.root(), byClass('card'))
export const cardTitles = (h: Harness) => cards(h).map((c) => textOf(find(c, byClass('card__title'))))
export const chip = (h: Harness, label: string) => find(h.root(), withText('chip', label))
export const searchInput = (h: Harness) => find(h.root(), byClass('search__input'))
export const stateTitle = (h: Harness) => textOf(find(h.root(), byClass('state__title')))
export const hasClass = (h: Harness, name: string) => findAll(h.root(), byClass(name)).length > 0

export async function openCard(h: Harness, title: string): Promise<void> {
  const card = cards(h).find((c) => textOf(c).includes(title))
  if (!card) throw new Error(`no card titled ${title}`)
  await h.tap(find(card, byClass('card__title')))
  // Long enough for a body from the network (the harness answers in 5 ms) but no timeout.
  await h.advance(100)
}

export async function tapTab(
  h: Harness,
  url: '/pages/index/index' | '/pages/favourites/index',
): Promise<void> {
  // The tabBar is native; WeChat switches tabs itself, which the harness models as switchTab.
  h.navigate('switchTab', url)
  await h.settle()
}

export const readerTitle = (h: Harness) => textOf(find(h.root(), byClass('reader__title')))
export const readerText = (h: Harness) => textOf(find(h.root(), byClass('reader__body')))
export const favouriteButton = (h: Harness, within?: TreeNode) => find(within ?? h.root(), byClass('fav-btn'))
export const favouriteRows = (h: Harness) => findAll(h.root(), byClass('fav'))
