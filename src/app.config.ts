import { zh as text } from './i18n/zh'
import theme from './theme.json'

/**
 * WeChat follows the system's light or dark mode through theme.json variables (`@name`); the browser
 * build has no theme.json, so it gets the light values directly (its pages switch by CSS).
 */
const weapp = process.env.TARO_ENV === 'weapp'
const colour = (name: keyof typeof theme.light) => (weapp ? `@${name}` : theme.light[name])

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/favourites/index', 'pages/about/index'],
  // The reader, search and the column's text live in one subpackage, fetched ahead of time from both
  // tabs: search rebuilds its file from the bodies the reader opens, so the text rides once.
  subPackages: [{ root: 'pages/reader', pages: ['index', 'note/index', 'card/index', 'search/index'] }],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pages/reader'] },
    'pages/favourites/index': { network: 'all', packages: ['pages/reader'] },
  },
  // sitemap.json is copied into the build by config/index.ts: what WeChat search may index.
  ...(weapp ? { darkmode: true, themeLocation: 'theme.json', sitemapLocation: 'sitemap.json' } : {}),
  window: {
    navigationBarTitleText: text.appTitle,
    navigationBarBackgroundColor: colour('navBackground'),
    navigationBarTextStyle: colour('navText') as 'black' | 'white',
    backgroundColor: colour('background'),
    backgroundTextStyle: colour('backgroundText') as 'dark' | 'light',
  },
  tabBar: {
    color: colour('tabColor'),
    selectedColor: colour('tabSelected'),
    backgroundColor: colour('tabBackground'),
    borderStyle: colour('tabBorder') as 'black' | 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: text.tabList,
        iconPath: 'assets/tab/list.png',
        selectedIconPath: 'assets/tab/list-active.png',
      },
      {
        pagePath: 'pages/favourites/index',
        text: text.tabFavourites,
        iconPath: 'assets/tab/favourites.png',
        selectedIconPath: 'assets/tab/favourites-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
})
