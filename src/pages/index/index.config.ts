export default definePageConfig({
  navigationBarTitleText: '稀土之光 · 百人访谈',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
