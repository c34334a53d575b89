import Taro from '@tarojs/taro'

/**
 * The navigation bar's title (the document's in the browser). Apart from page-ui.ts, whose
 * previewImage brings Taro's swiper into the H5 build: every page sets its title, the list too.
 */
export function setPageTitle(title: string): void {
  Taro.setNavigationBarTitle({ title }).catch(() => undefined)
}
