export default defineAppConfig({
  pages: ['pages/index/index', 'pages/favourites/index', 'pages/about/index'],
  // The reader and the bundled bodies live in a subpackage, fetched ahead of time from the list.
  subPackages: [{ root: 'pages/reader', pages: ['index'] }],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pages/reader'] },
    'pages/favourites/index': { network: 'all', packages: ['pages/reader'] },
  },
  window: {
    navigationBarTitleText: '稀土之光 · 百人访谈',
    navigationBarBackgroundColor: '#f7f4ef',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f7f4ef',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#767676',
    selectedColor: '#9c3d1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '访谈',
        iconPath: 'assets/tab/list.png',
        selectedIconPath: 'assets/tab/list-active.png',
      },
      {
        pagePath: 'pages/favourites/index',
        text: '收藏',
        iconPath: 'assets/tab/favourites.png',
        selectedIconPath: 'assets/tab/favourites-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
})
